// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * tests/unit/test_image_check.c - nk_image_check() accepts a good image and
 * refuses each defect with its own errno and words.
 *
 * Each test starts from a synthetic image (header + payload, a correct
 * checksum), spoils one thing and, where the defect lies behind the
 * checksum, re-seals the image so the check under test is the one that
 * fires.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <nk/image_check.h>
#include <nk/crc32.h>
#include <nk/layout.h>

#define PAYLOAD		512
#define FILE_SIZE	(sizeof(struct nk_image_header) + PAYLOAD)
#define MEM_SIZE	2048u
#define MAX_MEM		NK_OFF_BOOTINFO

static uint8_t image[FILE_SIZE + 64];
static struct nk_image_header *hdr = (struct nk_image_header *)image;
static char reason[160];

static void seal(void)
{
	hdr->checksum = nk_image_checksum(image, hdr->file_size);
}

static int setup(void **state)
{
	size_t i;

	(void)state;
	memset(image, 0, sizeof(image));
	for (i = sizeof(*hdr); i < FILE_SIZE; i++)
		image[i] = (uint8_t)(i * 13 + 1);
	hdr->magic = NK_IMAGE_MAGIC;
	hdr->abi_revision = NK_ABI_REVISION;
	hdr->header_size = sizeof(*hdr);
	hdr->version = NK_VERSION(0, 1, 0);
	hdr->link_base = NK_VIRT_BASE;
	hdr->file_size = FILE_SIZE;
	hdr->mem_size = MEM_SIZE;
	hdr->entry_host = 64;
	hdr->entry_nk = 128;
	hdr->status_offset = 1024;
	seal();
	memset(reason, 0, sizeof(reason));
	return 0;
}

static int check(size_t len)
{
	return nk_image_check(image, len, MAX_MEM, reason, sizeof(reason));
}

static void expect(int err, int want, const char *words)
{
	assert_int_equal(err, want);
	if (!strstr(reason, words))
		fail_msg("reason \"%s\" does not say \"%s\"", reason, words);
}

static void test_good_image(void **state)
{
	(void)state;
	assert_int_equal(check(FILE_SIZE), 0);
	assert_string_equal(reason, "");
}

/* The checksum is the CRC of the file with its checksum field as zero. */
static void test_checksum_definition(void **state)
{
	uint8_t copy[FILE_SIZE];

	(void)state;
	memcpy(copy, image, FILE_SIZE);
	((struct nk_image_header *)copy)->checksum = 0;
	assert_int_equal(hdr->checksum, nk_crc32(0, copy, FILE_SIZE));
	assert_int_equal(nk_image_checksum(image, FILE_SIZE), hdr->checksum);
}

static void test_too_short(void **state)
{
	(void)state;
	expect(check(63), -EINVAL, "image too short (63 bytes)");
	expect(check(0), -EINVAL, "image too short (0 bytes)");
}

static void test_bad_magic(void **state)
{
	(void)state;
	memcpy(image, "XXXX", 4);
	expect(check(FILE_SIZE), -ENOEXEC,
	       "bad magic 0x58585858 (not a nanokernel image)");
}

static void test_other_abi(void **state)
{
	char want[64];

	(void)state;
	hdr->abi_revision = 99;
	snprintf(want, sizeof(want), "ABI revision 99, this loader speaks %u",
		 NK_ABI_REVISION);
	expect(check(FILE_SIZE), -EPROTO, want);
}

static void test_header_size(void **state)
{
	(void)state;
	hdr->header_size = 60;
	seal();
	expect(check(FILE_SIZE), -EINVAL, "header size 60");
}

static void test_file_size(void **state)
{
	(void)state;
	expect(check(FILE_SIZE + 64), -EINVAL, "file size 576 in header, 640 given");
	expect(check(100), -EINVAL, "file size 576 in header, 100 given");
}

static void test_mem_too_big(void **state)
{
	(void)state;
	hdr->mem_size = 0x80000;
	seal();
	expect(check(FILE_SIZE), -EFBIG,
	       "image needs 524288 bytes, the region leaves 262144");
}

static void test_mem_below_file(void **state)
{
	(void)state;
	hdr->mem_size = FILE_SIZE - 1;
	seal();
	expect(check(FILE_SIZE), -EINVAL, "mem_size 575 is less than the file's 576 bytes");
	hdr->mem_size = 0;
	seal();
	expect(check(FILE_SIZE), -EINVAL, "mem_size 0 is less than the file's 576 bytes "
	       "(a corrupt header)");
}

static void test_link_base(void **state)
{
	(void)state;
	hdr->link_base = 0xc0000000;
	seal();
	expect(check(FILE_SIZE), -EINVAL, "linked at 0xc0000000");
}

static void test_entry_host(void **state)
{
	(void)state;
	hdr->entry_host = FILE_SIZE;
	seal();
	expect(check(FILE_SIZE), -EINVAL, "host entry offset 0x240 out of range");
}

static void test_entry_nk(void **state)
{
	(void)state;
	hdr->entry_nk = 0xffffffff;
	seal();
	expect(check(FILE_SIZE), -EINVAL, "nanokernel entry offset");
	assert_non_null(strstr(reason, "out of range"));
}

static void test_status_offset(void **state)
{
	(void)state;
	/* The last place the status still fits is accepted ... */
	hdr->status_offset = MEM_SIZE - sizeof(struct nk_status);
	seal();
	assert_int_equal(check(FILE_SIZE), 0);
	/* ... one byte further is not, nor one that wraps around. */
	hdr->status_offset++;
	seal();
	expect(check(FILE_SIZE), -EINVAL, "status offset");
	hdr->status_offset = 0xfffffff0;
	seal();
	expect(check(FILE_SIZE), -EINVAL, "out of range");
}

static void test_reserved(void **state)
{
	int i;

	(void)state;
	for (i = 0; i < 5; i++) {
		char words[48];

		setup(NULL);
		hdr->reserved[i] = 1;
		seal();
		snprintf(words, sizeof(words), "reserved header field %d is not zero", i);
		expect(check(FILE_SIZE), -EINVAL, words);
	}
}

static void test_bad_checksum(void **state)
{
	uint32_t good = hdr->checksum;
	char words[80];

	(void)state;
	image[200] ^= 0x55;
	snprintf(words, sizeof(words), "checksum 0x%08x, image contents give 0x%08x",
		 good, nk_image_checksum(image, FILE_SIZE));
	expect(check(FILE_SIZE), -EBADMSG, words);
}

/* Check order: a bad magic wins over everything behind it. */
static void test_first_defect_wins(void **state)
{
	(void)state;
	hdr->magic = 0;
	hdr->abi_revision = 2;
	hdr->reserved[0] = 1;
	expect(check(FILE_SIZE), -ENOEXEC, "bad magic");
}

#define T(f)	cmocka_unit_test_setup(f, setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_good_image),
		T(test_checksum_definition),
		T(test_too_short),
		T(test_bad_magic),
		T(test_other_abi),
		T(test_header_size),
		T(test_file_size),
		T(test_mem_too_big),
		T(test_mem_below_file),
		T(test_link_base),
		T(test_entry_host),
		T(test_entry_nk),
		T(test_status_offset),
		T(test_reserved),
		T(test_bad_checksum),
		T(test_first_defect_wins),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
