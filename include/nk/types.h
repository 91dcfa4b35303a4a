/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * include/nk/types.h - fixed-width types and the few string helpers that
 * portable code shared by the nanokernel, the loader module, user space and
 * the unit tests may use.
 *
 * Every header in include/nk/ is compiled in four worlds: the freestanding
 * nanokernel (i386), the Linux module (i386 kernel), nkctl (i386 user space)
 * and the unit tests (x86_64 user space).  Structures that cross a boundary
 * therefore use only these types, with explicit padding, and their layouts
 * are checked with NK_STATIC_ASSERT.
 */
#ifndef NK_TYPES_H
#define NK_TYPES_H

/* Unsigned constants usable from both C and assembly. */
#ifdef __ASSEMBLER__
#define NK_U(x)		x
#else
#define NK_U(x)		x##u

#if defined(__KERNEL__)
#include <linux/types.h>
#include <linux/string.h>
#elif defined(NK_FREESTANDING)
#include <stdint.h>
#include <stddef.h>
void *memset(void *s, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strnlen(const char *s, size_t max);
#else
#include <stdint.h>
#include <stddef.h>
#include <string.h>
#endif

#define NK_STATIC_ASSERT(cond, msg) _Static_assert(cond, msg)

/* Check a structure's size in every world it is compiled in. */
#define NK_CHECK_SIZE(type, size) \
	NK_STATIC_ASSERT(sizeof(type) == (size), #type " has the wrong size")

#endif /* !__ASSEMBLER__ */

#endif /* NK_TYPES_H */
