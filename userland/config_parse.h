/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * userland/config_parse.h - the text configuration (configs/NAME.conf) and
 * its translation to struct nk_config.
 *
 * The parser remembers the line of every section header and field, so that
 * a problem found later - by nk_config_check(), or by nkctl looking at the
 * running host - can still be reported against the line a person has to
 * change:  "FILE:LINE: [section] field: reason".
 */
#ifndef NK_CONFIG_PARSE_H
#define NK_CONFIG_PARSE_H

#include <stddef.h>
#include <nk/config.h>

#define NKCFG_PATH_LEN		256
#define NKCFG_DEFAULT_IMAGE	"/lib/firmware/nanokernel.bin"

/* Section slots: system, nanokernel, shared, each partition, each device. */
#define NKCFG_SLOT_PARTITION	3
#define NKCFG_SLOT_DEVICE	(NKCFG_SLOT_PARTITION + NK_MAX_PARTITIONS)
#define NKCFG_SLOT_RAS		(NKCFG_SLOT_DEVICE + NK_MAX_DEVICES)
#define NKCFG_NSLOTS		(NKCFG_SLOT_RAS + 1)
#define NKCFG_MAX_FIELDS	7	/* most fields a section has */

struct nkcfg {
	struct nk_config cfg;
	char image[NKCFG_PATH_LEN];	/* [nanokernel] image */
	char path[NKCFG_PATH_LEN];	/* the file, as named in messages */
	int last_line;			/* lines in the file */
	int header_line[NKCFG_NSLOTS];	/* 0: the section is absent */
	int field_line[NKCFG_NSLOTS][NKCFG_MAX_FIELDS];
	char owner[NK_MAX_DEVICES][NK_NAME_LEN];  /* resolved at the end */
};

/*
 * nkcfg_parse() - parse the len bytes at text (the contents of path, used in
 * messages) into *out.  text need not end in a NUL; a NUL, or any other byte
 * the format does not allow, is refused with its line.  Syntax only:
 * nk_config_check() is not run.  Returns 0, or -EINVAL with msg set to
 * "FILE:LINE: [section] field: reason".
 */
int nkcfg_parse(struct nkcfg *out, const char *path, const char *text,
		size_t len, char *msg, size_t msglen);

/*
 * nkcfg_check() - run nk_config_check() on a parsed configuration and
 * report a problem against the line of the field concerned.  Returns 0 or
 * -EINVAL with msg set.
 */
int nkcfg_check(const struct nkcfg *c, char *msg, size_t msglen);

/* nkcfg_parse_file() - read path and parse it (syntax only). */
int nkcfg_parse_file(struct nkcfg *out, const char *path, char *msg,
		     size_t msglen);

/*
 * nkcfg_load_file() - read path, parse it and check it.  Returns 0, or a
 * negative errno with msg set ("FILE: strerror" when it cannot be read).
 */
int nkcfg_load_file(struct nkcfg *out, const char *path, char *msg,
		    size_t msglen);

/* The line a (section, index, field) is on: the field's own line, else the
 * section's header, else the last line of the file. */
int nkcfg_line(const struct nkcfg *c, int section, int index,
	       const char *field);

/*
 * nkcfg_error() - format a problem found outside the parser (the host
 * checks of nkctl) as "FILE:LINE: [section] field: reason".  Returns
 * -EINVAL.
 */
int nkcfg_error(const struct nkcfg *c, int section, int index,
		const char *field, char *msg, size_t msglen,
		const char *fmt, ...) __attribute__((format(printf, 7, 8)));

#endif /* NK_CONFIG_PARSE_H */
