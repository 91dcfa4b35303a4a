// SPDX-License-Identifier: GPL-2.0
/*
 * nanokernel/timer.c - the timer merger: one deadline per OS on the local
 * APIC timer, which the nanokernel owns.
 *
 * Each OS asks for a deadline; the nanokernel keeps one per OS
 * (deadline.c) and programs the LAPIC timer, one-shot, for the earliest.
 * The host asks through NK_CALL_TIMER_HOST from its clock-event device
 * (loader/timer.c).  When the timer fires it raises the vector of the OS
 * whose deadline it was programmed for; the host's vector belongs to the
 * loader's tick IRQ and goes the fast path to Linux.
 *
 * The timer is programmed on the vector of the OS whose deadline is first:
 * the host's tick vector (the fast path straight to Linux) or, for a
 * guest, the nanokernel's own vector, whose expiry comes to
 * nk_timer_expire() through the interrupt passage.  There every due
 * deadline is retired; a due host deadline is passed on as a self-IPI on
 * the host's vector.  A host deadline that fired on the fast path stays
 * armed until Linux's next request replaces or cancels it, which its
 * clock-event handler always makes.
 */
#include "nk.h"
#include "entry.h"
#include "lapic.h"
#include "timer.h"
#include "deadline.h"

static struct nk_deadlines nk_dl;
static int nk_timer_on;
static int nk_timer_held;	/* the guests are held: the host's alone */
static uint64_t nk_timer_since;	/* TSC when the timer became ours: a
				 * deadline due before is not "late" */
/* The test hook: so many of a slot's next deadlines armed so much later. */
static uint32_t nk_delay_count[NK_OS_SLOTS];
static uint64_t nk_delay_tsc[NK_OS_SLOTS];
static uint32_t nk_tsc_khz, nk_lapic_khz, nk_host_vector, nk_own_vector;
/* Conversions by multiplication, worked out once at attach: the timer
 * path divides nothing.  LAPIC ticks per TSC tick, 32.32 fixed point;
 * TSC ticks per ns, 8.24. */
static uint32_t nk_tsc_to_lapic_int, nk_tsc_to_lapic_frac, nk_ns_to_tsc;

/* (a * (i + f / 2^32)), for a < 2^63 and a product that fits 64 bits. */
static uint64_t nk_scale(uint64_t a, uint32_t i, uint32_t f)
{
	uint32_t hi = (uint32_t)(a >> 32), lo = (uint32_t)a;

	return a * i + (uint64_t)hi * f + (((uint64_t)lo * f) >> 32);
}

static uint64_t nk_ns_tsc(uint32_t ns)
{
	return ((uint64_t)ns * nk_ns_to_tsc) >> 24;
}

/* A deadline changed: the LAPIC timer is programmed by nk_timer_flush(),
 * once, on the way out of the nanokernel. */
static int nk_timer_dirty;

static void nk_timer_program(uint64_t now)
{
	uint64_t at = nk_dl.at[NK_OS_HOST], ticks;
	int slot;

	if (nk_timer_held)	/* the guests' wait for the attach */
		slot = (nk_dl.armed & (1u << NK_OS_HOST)) ? (int)NK_OS_HOST : -1;
	else
		slot = nk_deadline_earliest(&nk_dl, &at);

	if (slot < 0) {
		nk_lapic_write(LAPIC_TMICT, 0);
		return;
	}
	ticks = (int64_t)(at - now) > 0 ?
		nk_scale(at - now, nk_tsc_to_lapic_int, nk_tsc_to_lapic_frac) : 0;
	if (ticks < 1)
		ticks = 1;
	if (ticks > 0xffffffffu)
		ticks = 0xffffffffu;
	/* one-shot, unmasked */
	nk_lapic_write(LAPIC_LVTT, slot == NK_OS_HOST ? nk_host_vector : nk_own_vector);
	nk_lapic_write(LAPIC_TDCR, LAPIC_TDCR_DIV1);
	nk_lapic_write(LAPIC_TMICT, (uint32_t)ticks);
	nk_status.timer_programs++;
}

int nk_timer_attach(void)
{
	const struct nk_boot_info *bi = nk_boot_info();

	if (bi->tsc_khz < 1000 || bi->host_timer_vector < 0x20 ||
	    bi->host_timer_vector > 0xef || !bi->lapic_phys ||
	    bi->nk_vector < 0x20 || bi->nk_vector > 0xef ||
	    bi->nk_vector == bi->host_timer_vector)
		return -NK_EINVAL;
	nk_tsc_khz = bi->tsc_khz;
	nk_host_vector = bi->host_timer_vector;
	nk_own_vector = bi->nk_vector;
	/* The guests' deadlines outlive a detach; the host's is Linux's to
	 * ask for again. */
	nk_deadline_cancel(&nk_dl, NK_OS_HOST);
	nk_timer_since = rdtsc();
	nk_timer_dirty = 1;
	nk_lapic_khz = nk_lapic_init(bi->lapic_phys, nk_tsc_khz);
	if (!nk_lapic_khz)
		return -NK_EINVAL;
	nk_tsc_to_lapic_int = nk_lapic_khz / nk_tsc_khz;
	nk_tsc_to_lapic_frac = (uint32_t)((((uint64_t)(nk_lapic_khz % nk_tsc_khz)) << 32) /
					  nk_tsc_khz);
	nk_ns_to_tsc = (uint32_t)(((uint64_t)nk_tsc_khz << 24) / 1000000u);
	nk_status.lapic_khz = nk_lapic_khz;
	nk_timer_on = 1;
	return (int)nk_lapic_khz;
}

/* Every OS's deadline is armed here (the slices' are the nanokernel's). */
static void nk_timer_arm(unsigned int slot, uint64_t at)
{
	if (nk_delay_count[slot]) {
		nk_delay_count[slot]--;
		at += nk_delay_tsc[slot];
	}
	nk_deadline_set(&nk_dl, slot, at);
}

int nk_timer_test_delay(uint32_t arg)
{
	uint32_t slot = NK_TEST_DELAY_SLOT(arg);

	if (!nk_timer_on || slot >= NK_BUDGET_SLOT || !NK_TEST_DELAY_COUNT(arg))
		return -NK_EINVAL;
	nk_delay_tsc[slot] = nk_ns_tsc(NK_TEST_DELAY_US(arg) * 1000u);
	nk_delay_count[slot] = NK_TEST_DELAY_COUNT(arg);
	return 0;
}

int nk_timer_host(uint32_t delta_ns)
{
	uint64_t now = rdtsc();

	if (!nk_timer_on)
		return -NK_EINVAL;
	if (delta_ns == NK_TIMER_CANCEL)
		nk_deadline_cancel(&nk_dl, NK_OS_HOST);
	else
		nk_timer_arm(NK_OS_HOST, now + nk_ns_tsc(delta_ns));
	nk_timer_dirty = 1;
	return 0;
}

/* A guest's deadline (slot = partition index + 1), relative. */
int nk_timer_guest(unsigned int slot, uint32_t delta_ns)
{
	uint64_t now = rdtsc();

	if (!nk_timer_on || slot == NK_OS_HOST || slot >= NK_BUDGET_SLOT)
		return -NK_EINVAL;
	if (delta_ns == NK_TIMER_CANCEL)
		nk_deadline_cancel(&nk_dl, slot);
	else
		nk_timer_arm(slot, now + nk_ns_tsc(delta_ns));
	nk_timer_dirty = 1;
	return 0;
}

/* The same at an absolute TSC value (NK_GCALL_TIMER_AT). */
int nk_timer_guest_at(unsigned int slot, uint64_t at)
{
	if (!nk_timer_on || slot == NK_OS_HOST || slot >= NK_BUDGET_SLOT)
		return -NK_EINVAL;
	nk_timer_arm(slot, at);
	nk_timer_dirty = 1;
	return 0;
}

/* The end of the running guest's time slice, or NK_TIMER_CANCEL. */
int nk_timer_slice(uint32_t delta_ns)
{
	uint64_t now = rdtsc();

	if (!nk_timer_on)
		return -NK_EINVAL;
	if (delta_ns == NK_TIMER_CANCEL) {
		if (!(nk_dl.armed & (1u << NK_SLICE_SLOT)))
			return 0;
		nk_deadline_cancel(&nk_dl, NK_SLICE_SLOT);
	} else {
		nk_deadline_set(&nk_dl, NK_SLICE_SLOT,
				now + nk_ns_tsc(delta_ns));
	}
	nk_timer_dirty = 1;
	return 0;
}

void nk_timer_watch(uint32_t ms)
{
	if (!ms)
		nk_deadline_cancel(&nk_dl, NK_WATCH_SLOT);
	else
		nk_deadline_set(&nk_dl, NK_WATCH_SLOT, rdtsc() + (uint64_t)ms * nk_tsc_khz);
	nk_timer_dirty = 1;
}

void nk_timer_budget(uint64_t at)
{
	if (!nk_timer_on)
		return;
	nk_deadline_set(&nk_dl, NK_BUDGET_SLOT, at);
	nk_timer_dirty = 1;
}

/*
 * The nanokernel's timer vector fired: retire every due deadline and
 * program the next.  Returns the due slots; a due host deadline is the
 * caller's to pass on (irq.c raises the host's vector when the host runs
 * again).  host_interrupted: the host, not a guest, was on the CPU.
 */
uint32_t nk_timer_expire(int host_interrupted)
{
	uint64_t now = rdtsc();
	uint32_t due = nk_deadline_expire(&nk_dl, now), s, bits;

	/* How late did a guest's deadline get here?  When the host was
	 * interrupted, it had interrupts off until just before nk_host_eip:
	 * that is the bound to report. */
	for (bits = due & ~(1u << NK_OS_HOST) & ~(1u << NK_SLICE_SLOT) &
		    ~(1u << NK_BUDGET_SLOT) & ~(1u << NK_WATCH_SLOT); bits;
	     bits &= bits - 1) {
		uint64_t late;

		s = (uint32_t)__builtin_ctz(bits);
		late = now - nk_dl.at[s];
		if ((int64_t)(nk_dl.at[s] - nk_timer_since) < 0)
			continue;	/* due while the timer was Linux's */
		if (late > nk_status.guest_late_max && late < 0xffffffffu) {
			nk_status.guest_late_max = (uint32_t)late;
			nk_status.guest_late_eip = host_interrupted ? nk_host_eip : 0;
			nk_status.guest_late_callers[0] =
				host_interrupted ? nk_host_callers[0] : 0;
			nk_status.guest_late_callers[1] =
				host_interrupted ? nk_host_callers[1] : 0;
		}
	}
	nk_timer_dirty = 1;
	return due;
}

/*
 * The host's tick vector came while a guest ran: if it was the timer on
 * the host's deadline, that deadline is spent, and must not be programmed
 * again before Linux asks for the next.
 */
void nk_timer_host_fired(void)
{
	uint64_t now = rdtsc();

	if (nk_timer_on && (nk_dl.armed & (1u << NK_OS_HOST)) &&
	    (int64_t)(now - nk_dl.at[NK_OS_HOST]) >= 0) {
		nk_deadline_cancel(&nk_dl, NK_OS_HOST);
		nk_timer_dirty = 1;
	}
}

/*
 * On the way out of the nanokernel: program the LAPIC timer if a deadline
 * changed.  Into a guest (to_guest), only when a guest's deadline or the
 * slice is armed: those must interrupt it; the host's deadline can wait
 * until the host runs again, which is when it matters.  So the common
 * tick (the guest's deadline retired, then armed again by the guest)
 * programs the timer once.
 */
void nk_timer_flush(int to_guest)
{
	if (!nk_timer_dirty || !nk_timer_on)
		return;
	if (to_guest && !(nk_dl.armed & ~(1u << NK_OS_HOST)))
		return;
	nk_timer_dirty = 0;
	nk_timer_program(rdtsc());
}

/* From the boot info: the host's IDT is built before the timer attaches. */
int nk_timer_is_own_vector(uint32_t v)
{
	uint32_t own = nk_boot_info()->nk_vector;

	return own >= 0x20 && v == own;
}

int nk_timer_is_host_vector(uint32_t v)
{
	return nk_timer_on && v == nk_host_vector;
}

void nk_timer_hold(int hold)
{
	nk_timer_held = hold;
	nk_timer_dirty = 1;
}

void nk_timer_host_dead(void)
{
	nk_deadline_cancel(&nk_dl, NK_OS_HOST);
	nk_timer_held = 0;
	nk_timer_dirty = 1;
}

/*
 * Linux takes the LAPIC timer back: touch nothing, forget the host's
 * deadline; the guests' wait, for an attach (a shutdown drops them with
 * the image).
 */
int nk_timer_detach(void)
{
	nk_timer_on = 0;
	nk_deadline_cancel(&nk_dl, NK_OS_HOST);
	memset(nk_delay_count, 0, sizeof(nk_delay_count));
	return 0;
}
