/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* include/nk/version.h - the nanokernel's version (see NK_VERSION()). */
#ifndef NK_VERSION_H
#define NK_VERSION_H

#define NK_VERSION_MAJ	0
#define NK_VERSION_MIN	1
#define NK_VERSION_PAT	0

#endif /* NK_VERSION_H */
