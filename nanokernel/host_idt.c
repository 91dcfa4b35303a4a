// SPDX-License-Identifier: GPL-2.0
/*
 * nanokernel/host_idt.c - the IDT the host runs on, and its stubs.
 *
 * The host's IDT is a copy of Linux's in which the gates of the vectors we
 * take over enter a stub of ours instead.  A stub runs in the host's
 * address space, at the host's alias of this region, and for a vector the
 * host owns it is the fast path: count the vector for the host and jump to
 * Linux's own handler with the frame untouched.  Three instructions:
 *
 *	addl $1, %ss:count_lo		(SS: always the kernel's flat data
 *	adcl $0, %ss:count_hi		 segment when these vectors arrive;
 *	jmp  linux_handler		 DS may still hold a user selector)
 *
 * For a vector a guest owns (its device's IRQ, see loader/devices.c) and
 * for the nanokernel's own vector (its timer, for guests' deadlines) the
 * stub counts it, pushes the vector and the nanokernel's page directory
 * and goes through the interrupt passage (passage.S, nk_irq_passage) to
 * nk_host_interrupt(), which acknowledges it (the devices allowed are
 * edge-triggered, so no masking is needed), runs the guests it concerns
 * and irets to the host exactly where it was.
 *
 * The vectors we leave to Linux untouched, and why, are in
 * Documentation/interrupts.md: #DB, NMI, #BP (text_poke, kprobes), #OF,
 * #BR, #DF (a task gate), #TS/#NP/#SS/#GP (can arrive on the ESPFIX stack,
 * whose SS has a non-zero base), #MC and the reserved vectors.
 */
#include "nk.h"
#include "entry.h"
#include "irq.h"
#include "route.h"
#include "timer.h"

/* The stub pushes the vector, then the page directory: struct
 * nk_host_irq_frame's order, which nk_irq_passage goes on from. */
NK_STATIC_ASSERT(__builtin_offsetof(struct nk_host_irq_frame, vector) + 4 ==
		 __builtin_offsetof(struct nk_host_irq_frame, eip) &&
		 __builtin_offsetof(struct nk_host_irq_frame, pgd) + 4 ==
		 __builtin_offsetof(struct nk_host_irq_frame, vector),
		 "the stub builds the top of struct nk_host_irq_frame");

static uint8_t *nk_put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
	return p + 4;
}

/*
 * Write the stub for vector v, owned by OS slot owner; returns its host
 * address.  Host-owned: count, jmp to Linux.  Guest-owned: count, EOI, iret.
 */
static uint32_t nk_make_stub(unsigned int v, unsigned int owner,
			     uint32_t linux_handler)
{
	const struct nk_boot_info *bi = nk_boot_info();
	uint8_t *p = (uint8_t *)(NK_VIRT_BASE + NK_OFF_HOST_STUBS + v * NK_STUB_SIZE);
	uint32_t stub = bi->host_alias + NK_OFF_HOST_STUBS + v * NK_STUB_SIZE;
	uint32_t count = bi->host_alias + NK_OFF_IRQ_COUNTS +
			 (v * NK_OS_SLOTS + owner) * 8;
	uint8_t *start = p;

	*p++ = 0x36; *p++ = 0x83; *p++ = 0x05;		/* addl $1, %ss:lo */
	p = nk_put32(p, count);
	*p++ = 0x01;
	*p++ = 0x36; *p++ = 0x83; *p++ = 0x15;		/* adcl $0, %ss:hi */
	p = nk_put32(p, count + 4);
	*p++ = 0x00;
	if (owner == NK_OS_HOST && !nk_timer_is_own_vector(v)) {
		*p++ = 0xe9;				/* jmp handler */
		p = nk_put32(p, linux_handler - (stub + (uint32_t)(p - start) + 4));
	} else {
		*p++ = 0x68;				/* pushl $v */
		p = nk_put32(p, v);
		*p++ = 0x68;				/* pushl $pgd */
		p = nk_put32(p, bi->pgd_phys);
		*p++ = 0xe9;				/* jmp passage */
		p = nk_put32(p, bi->host_alias + ((uint32_t)nk_irq_passage - NK_VIRT_BASE) -
			     (stub + (uint32_t)(p - start) + 4));
	}
	while (p < start + NK_STUB_SIZE)
		*p++ = 0xcc;				/* int3: never reached */
	return stub;
}

/* The owner of vector v; a guest only owns device vectors. */
static unsigned int nk_vector_owner(unsigned int v)
{
	const struct nk_boot_info *bi = nk_boot_info();

	if (!bi->lapic_eoi)
		return NK_OS_HOST;
	return nk_route_owner(v, bi->route[v], bi->config.npartitions,
			      NK_OS_SLOTS);
}

int nk_host_attach(void)
{
	const uint32_t *linux_idt = (const uint32_t *)(NK_VIRT_BASE + NK_OFF_LINUX_IDT);
	uint32_t *idt = (uint32_t *)(NK_VIRT_BASE + NK_OFF_HOST_IDT);
	unsigned int v, taken = 0;

	memset((void *)(NK_VIRT_BASE + NK_OFF_IRQ_COUNTS), 0,
	       sizeof(struct nk_irq_counts));
	for (v = 0; v < 256; v++) {
		uint32_t lo = linux_idt[2 * v], hi = linux_idt[2 * v + 1];

		if (nk_route_takes(v, hi)) {
			uint32_t handler = (hi & 0xffff0000u) | (lo & 0xffffu);
			uint32_t stub = nk_make_stub(v, nk_vector_owner(v), handler);

			lo = (lo & 0xffff0000u) | (stub & 0xffffu);
			hi = (stub & 0xffff0000u) | (hi & 0xffffu);
			taken++;
		}
		idt[2 * v] = lo;
		idt[2 * v + 1] = hi;
	}
	nk_status.host_vectors = taken;
	nk_status.host_idt = 1;
	return (int)taken;
}

int nk_host_detach(void)
{
	nk_status.host_idt = 0;
	return 0;
}
