/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nanokernel/route.h - which vectors the nanokernel takes over, and which
 * OS owns each.  Portable (no hardware access): idt.c builds the host's
 * IDT with it and the unit tests run it on the build machine.
 */
#ifndef NANOKERNEL_ROUTE_H
#define NANOKERNEL_ROUTE_H

#include <nk/types.h>

#define NK_ROUTE_HOST	0u

/*
 * Does the host's IDT send vector v, whose gate in Linux's IDT has the high
 * dword hi, through a stub of ours?  Present 32-bit interrupt and trap
 * gates from 0x20 up, and the exceptions of nk_taken_exceptions.
 */
int nk_route_takes(unsigned int v, uint32_t hi);

/*
 * The owner of vector v given the route table entry owner (from the boot
 * info), the number of partitions and the OS slots available: a guest can
 * only own a device vector (0x20 and up, not 0x80), of an existing
 * partition; anything else is the host's.
 */
unsigned int nk_route_owner(unsigned int v, unsigned int owner,
			    unsigned int npartitions, unsigned int slots);

#endif /* NANOKERNEL_ROUTE_H */
