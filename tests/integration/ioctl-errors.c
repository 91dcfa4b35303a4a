// SPDX-License-Identifier: GPL-2.0
/*
 * tests/integration/ioctl-errors.c - bad ioctl arguments get an errno, never
 * an oops.  Runs inside the emulated host (static i386); prints one
 * "ok - " / "not ok - " line per check, like lib.sh.
 *
 *   ioctl-errors CONFIG_UNUSED
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <nk/ioctl.h>

static int failures;

static void expect(const char *what, int ret, int want_errno)
{
	int e = ret < 0 ? errno : 0;

	if (e == want_errno) {
		printf("ok - %s: %s\n", what, want_errno ? strerror(e) : "0");
	} else {
		printf("not ok - %s: expected %s, got %s (ret %d)\n", what,
		       want_errno ? strerror(want_errno) : "success",
		       e ? strerror(e) : "success", ret);
		failures++;
	}
}

static unsigned char image[4096];

/* The guest and statistics ioctls: reserved fields, sizes, state. */
static void nothing_loaded_guest_calls(int fd)
{
	struct nk_os_start_args os;
	struct nk_os_args oa;
	struct nk_os_list_args ol;
	struct nk_console_args ca;
	struct nk_stats_args st;

	memset(&os, 0, sizeof(os));
	expect("os start while nothing is loaded", ioctl(fd, NK_IOC_OS_START, &os), ENODEV);
	memset(&oa, 0, sizeof(oa));
	oa.reserved = 1;
	expect("os run with a reserved field set", ioctl(fd, NK_IOC_OS_RUN, &oa), EINVAL);
	memset(&oa, 0, sizeof(oa));
	oa.command = 256;
	expect("os run with a command over 255", ioctl(fd, NK_IOC_OS_RUN, &oa), EINVAL);
	memset(&oa, 0, sizeof(oa));
	expect("os stop while nothing is loaded", ioctl(fd, NK_IOC_OS_STOP, &oa), ENODEV);
	memset(&ol, 0, sizeof(ol));
	ol.count = 3;
	expect("os list with a wrong count", ioctl(fd, NK_IOC_OS_LIST, &ol), EINVAL);
	memset(&ca, 0, sizeof(ca));
	ca.len = 1 << 20;
	expect("console read over 64 KB", ioctl(fd, NK_IOC_CONSOLE, &ca), EINVAL);
	memset(&st, 0, sizeof(st));
	st.counts_size = 12;
	expect("stats with a wrong buffer size", ioctl(fd, NK_IOC_STATS, &st), EINVAL);
	expect("stats to a bad pointer", ioctl(fd, NK_IOC_STATS, (void *)16), EFAULT);
}

/* The services' ioctls: reserved fields, names, sizes, ids, state. */
static void nothing_loaded_services(int fd)
{
	struct nk_svc_obj_args oa;
	struct nk_msg_args ma;
	struct nk_pnvm_args pa;
	struct nk_svc_list_args la;
	void *p;

	memset(&oa, 0, sizeof(oa));
	strcpy(oa.name, "q");
	oa.reserved[1] = 1;
	expect("mq create with a reserved field set", ioctl(fd, NK_IOC_MQ_CREATE, &oa), EINVAL);
	memset(&oa, 0, sizeof(oa));
	strcpy(oa.name, "Bad Name");
	expect("mq create with a bad name", ioctl(fd, NK_IOC_MQ_CREATE, &oa), EINVAL);
	memset(&oa, 0, sizeof(oa));
	memset(oa.name, 'a', sizeof(oa.name));
	expect("mq create with an unterminated name", ioctl(fd, NK_IOC_MQ_CREATE, &oa), EINVAL);
	memset(&oa, 0, sizeof(oa));
	strcpy(oa.name, "q");
	oa.flags = 0x100;
	expect("mq create with an unknown flag", ioctl(fd, NK_IOC_MQ_CREATE, &oa), EINVAL);
	oa.flags = 0;
	expect("mq create while nothing is loaded", ioctl(fd, NK_IOC_MQ_CREATE, &oa), ENODEV);
	expect("mq create from a bad pointer", ioctl(fd, NK_IOC_MQ_CREATE, (void *)16), EFAULT);
	memset(&ma, 0, sizeof(ma));
	expect("mq send of no bytes", ioctl(fd, NK_IOC_MQ_SEND, &ma), EINVAL);
	ma.len = 1;
	ma.id = NK_SVC_HANDLE(1, 0);
	expect("mq send on a queue not opened here", ioctl(fd, NK_IOC_MQ_SEND, &ma), EBADF);
	ma.len = NK_SVC_DATA_MAX + 1;
	expect("mq send over 64 KB", ioctl(fd, NK_IOC_MQ_SEND, &ma), EINVAL);
	ma.len = 0;
	ma.timeout_ms = -2;
	expect("mq recv with a timeout below -1", ioctl(fd, NK_IOC_MQ_RECV, &ma), EINVAL);
	memset(&ma, 0, sizeof(ma));
	ma.reserved[2] = 1;
	expect("mq recv with a reserved field set", ioctl(fd, NK_IOC_MQ_RECV, &ma), EINVAL);
	memset(&oa, 0, sizeof(oa));
	oa.id = 40;
	expect("ev destroy of an id out of range", ioctl(fd, NK_IOC_EV_DESTROY, &oa), EBADF);
	expect("shm close of a segment not opened here", ioctl(fd, NK_IOC_SHM_CLOSE, &oa), EBADF);
	memset(&pa, 0, sizeof(pa));
	pa.reserved[0] = 3;
	expect("pnvm open with a reserved field set", ioctl(fd, NK_IOC_PNVM_OPEN, &pa), EINVAL);
	memset(&pa, 0, sizeof(pa));
	pa.key = 1;
	expect("pnvm open while nothing is loaded", ioctl(fd, NK_IOC_PNVM_OPEN, &pa), ENODEV);
	expect("pnvm commit of a region not opened here", ioctl(fd, NK_IOC_PNVM_COMMIT, &pa), EBADF);
	memset(&la, 0, sizeof(la));
	la.dir_size = 1;
	expect("svc list with a wrong size", ioctl(fd, NK_IOC_SVC_LIST, &la), EINVAL);
	expect("an unknown service command", ioctl(fd, _IO(NK_IOCTL_TYPE, 0x26)), ENOTTY);
	p = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
	expect("mmap while nothing is loaded", p == MAP_FAILED ? -1 : 0, ENODEV);
}

int main(void)
{
	struct nk_load_args la;
	struct nk_ping_args pa;
	struct nk_status_args sa;
	struct nk_config cfg;
	int fd = open(NK_DEVICE_PATH, O_RDWR);

	if (fd < 0) {
		perror(NK_DEVICE_PATH);
		return 1;
	}
	expect("unknown command", ioctl(fd, _IO(NK_IOCTL_TYPE, 0x7f)), ENOTTY);
	expect("other type letter", ioctl(fd, _IO('T', 0x01)), ENOTTY);
	expect("status to a bad pointer", ioctl(fd, NK_IOC_STATUS, (void *)16), EFAULT);
	expect("load from a bad pointer", ioctl(fd, NK_IOC_LOAD, (void *)16), EFAULT);

	memset(&la, 0, sizeof(la));
	la.reserved[1] = 1;
	expect("load with a reserved field set", ioctl(fd, NK_IOC_LOAD, &la), EINVAL);
	memset(&la, 0, sizeof(la));
	la.flags = 0x4;
	expect("load with an unknown flag", ioctl(fd, NK_IOC_LOAD, &la), EINVAL);
	la.flags = NK_LOAD_REPLACE | NK_LOAD_ATTACH;
	expect("load asked to replace and to attach", ioctl(fd, NK_IOC_LOAD, &la), EINVAL);
	la.flags = 0;
	la.attached = 1;
	expect("load with its out field set", ioctl(fd, NK_IOC_LOAD, &la), EINVAL);
	memset(&la, 0, sizeof(la));
	la.config_size = sizeof(cfg) - 4;
	la.image_size = 4096;
	expect("load with a wrong config size", ioctl(fd, NK_IOC_LOAD, &la), EINVAL);
	memset(&la, 0, sizeof(la));
	la.config_size = sizeof(cfg);
	la.image_size = 4096;
	la.config_ptr = 16;
	la.image_ptr = 16;
	expect("load with bad buffer pointers", ioctl(fd, NK_IOC_LOAD, &la), EFAULT);
	memset(&la, 0, sizeof(la));
	la.config_size = sizeof(cfg);
	la.image_size = 64u << 20;
	expect("load with a huge image size", ioctl(fd, NK_IOC_LOAD, &la), EFBIG);
	memset(&cfg, 0xff, sizeof(cfg));
	memset(&la, 0, sizeof(la));
	la.config_size = sizeof(cfg);
	la.image_size = 4096;
	la.config_ptr = (uintptr_t)&cfg;
	la.image_ptr = (uintptr_t)image;
	expect("load with a garbage config", ioctl(fd, NK_IOC_LOAD, &la), EINVAL);

	memset(&pa, 0, sizeof(pa));
	pa.reserved[0] = 7;
	expect("ping with a reserved field set", ioctl(fd, NK_IOC_PING, &pa), EINVAL);
	memset(&pa, 0, sizeof(pa));
	expect("ping while nothing is loaded", ioctl(fd, NK_IOC_PING, &pa), ENODEV);
	expect("unload while nothing is loaded", ioctl(fd, NK_IOC_UNLOAD), ENODEV);
	expect("detach while nothing is loaded", ioctl(fd, NK_IOC_DETACH), ENODEV);
	expect("get-config while nothing is loaded",
	       ioctl(fd, NK_IOC_GET_CONFIG, &cfg), ENODEV);
	expect("status while nothing is loaded", ioctl(fd, NK_IOC_STATUS, &sa), 0);
	nothing_loaded_guest_calls(fd);
	nothing_loaded_services(fd);
	if (sa.loaded)
		printf("not ok - status says loaded\n"), failures++;
	close(fd);
	return failures ? 1 : 0;
}
