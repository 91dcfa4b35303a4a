/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* userland/nkctl.h - what nkctl's command files share. */
#ifndef NKCTL_H
#define NKCTL_H

#include <stdint.h>
#include <stdio.h>

/* Print "nkctl: ..." to stderr; returns 1, nkctl's exit status for errors. */
__attribute__((format(printf, 1, 2)))
int nkctl_fail(const char *fmt, ...);
void nkctl_usage(FILE *f);
/* Open /dev/nanokernel, or explain why not (returns -1). */
int nkctl_open(void);
int nkctl_read_image(const char *path, void **buf, size_t *len);
int nkctl_read_file(const char *path, void **buf, size_t *len, size_t max);
int nkctl_number(const char *s, uint32_t *v);

/* nkctl_os.c */
int nkctl_os(int argc, char **argv);
struct nk_config;
/* The partition called name, or -1 with a message. */
int nkctl_partition(int fd, const char *name, struct nk_config *cfg);

/* nkctl_selftest.c: the loader's test hooks */
int nkctl_selftest(int argc, char **argv);
int nkctl_console(int argc, char **argv);

/* nkctl_ras.c: ras arm */
int nkctl_ras(int argc, char **argv);

/* nkctl_svc.c: mq, event, shm, pnvm, svc */
int nkctl_svc(int argc, char **argv);

#endif /* NKCTL_H */
