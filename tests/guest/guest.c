// SPDX-License-Identifier: GPL-2.0
/*
 * tests/guest/guest.c - a minimal guest for the tests of the guest
 * lifecycle and of the dispatcher (tests/integration/80-guest.sh,
 * 85-guest-sched.sh, 90-guest-preempt.sh): it says hello on COM2 and on
 * its console ring, then yields; each time its yield returns, it takes
 * its events from its struct nk_vcpu and, for the host's command, does
 * what the command asks (see enum below), and yields again.  It has no
 * event entry: events reach it only at its yields.
 */
#include <nk/guest.h>

enum {
	CMD_RUN = 0,		/* print "run N" */
	CMD_DIVIDE = 1,		/* divide by zero */
	CMD_UD2 = 2,		/* invalid opcode */
	CMD_PAGE_FAULT = 3,	/* read outside every mapping */
	CMD_BAD_CONSOLE = 4,	/* hand the console call a wild pointer */
	CMD_TICK_START = 5,	/* a 1 ms periodic timer, from now on */
	CMD_TICK_STOP = 6,	/* stop it; report ticks and lateness */
	CMD_REPORT_IRQ = 7,	/* report device interrupts seen */
	CMD_FPU_ON = 8,		/* from now on, scribble over the FPU and SSE
				 * registers at every tick */
	CMD_STACK_OVERFLOW = 9,	/* run the stack off the partition's bottom */
	CMD_SPIN = 10,		/* spin SPIN_MS without yielding; report how
				 * often and how long the CPU was taken away */
	CMD_SPIN_LATER = 11,	/* the same, when a timer SPIN_LATER_MS from
				 * now fires */
	CMD_SPIN_REPORT = 12,	/* report the last spin again */
	CMD_NOP = 13,		/* nothing: make bench's switch cost (B4) */
};

#define SPIN_MS		200u
#define SPIN_LATER_MS	50u
#define GAP_NS		50000u	/* a gap longer than this: the CPU was taken */

#define PERIOD_NS	1000000u

/* The periodic timer: expected TSC of the next tick, and what was seen. */
static uint64_t tick_next, tick_period, tick_start_tsc, late_max, late_sum;
static uint32_t ticks, irqs, tsc_khz, ticking, fpu_scribbling, os_slot;
static uint32_t spin_pending, spin_gaps, spin_gap_max_ns, spin_gap_sum_ns;
static struct nk_vcpu *vcpu;

/*
 * Load values of our own into every x87 and SSE register and compute with
 * them: if the nanokernel did not switch the FPU state, the host's would
 * be lost.  (The guest is built with -mgeneral-regs-only: the compiler
 * itself never uses these registers, so nothing is to be saved here.)
 */
static void fpu_scribble(uint32_t seed)
{
	uint32_t v[4] __attribute__((aligned(16))) = { seed, ~seed, seed * 3, seed ^ 0x5a5a5a5a };

	__asm__ volatile("movups %0, %%xmm0\n\t"
			 "movaps %%xmm0, %%xmm1\n\t addps %%xmm0, %%xmm1\n\t"
			 "movaps %%xmm1, %%xmm2\n\t mulps %%xmm1, %%xmm2\n\t"
			 "movaps %%xmm2, %%xmm3\n\t movaps %%xmm3, %%xmm4\n\t"
			 "movaps %%xmm4, %%xmm5\n\t movaps %%xmm5, %%xmm6\n\t"
			 "movaps %%xmm6, %%xmm7\n\t"
			 "fninit\n\t fldpi\n\t fldpi\n\t fmul %%st(1), %%st\n\t"
			 "fld1\n\t fld1\n\t fld1\n\t fld1\n\t fldpi\n\t fldpi\n\t"
			 : : "m"(v) : "memory");
}

#define COM2		0x2f8
#define UART_LSR	5

static inline int nk_gcall(uint32_t call, uint32_t a, uint32_t b)
{
	int ret;

	__asm__ volatile("int $0x82" : "=a"(ret) : "a"(call), "b"(a), "c"(b)
			 : "memory");
	return ret;
}

static inline void outb(uint8_t v, uint16_t port)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
	uint8_t v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static void com2_write(const char *s, uint32_t n)
{
	uint32_t i;

	for (i = 0; i < n; i++) {
		while (!(inb(COM2 + UART_LSR) & 0x20))
			;
		outb((uint8_t)s[i], COM2);
	}
}

/* Print "text N\n" to the console ring and to COM2. */
static void say(const char *text, uint32_t n)
{
	char buf[96], digits[12];
	uint32_t len = 0, k = 0;

	while (*text && len < sizeof(buf) - 14)
		buf[len++] = *text++;
	do
		digits[k++] = (char)('0' + n % 10);
	while ((n /= 10) && k < sizeof(digits));
	while (k)
		buf[len++] = digits[--k];
	buf[len++] = '\n';
	nk_gcall(NK_GCALL_CONSOLE, (uint32_t)buf, len);
	if (os_slot == 1)	/* COM2 is the first partition's device */
		com2_write(buf, len);
}

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static uint32_t tsc_to_ns(uint64_t tsc)
{
	return (uint32_t)(tsc * 1000000u / tsc_khz);
}

/* Ask for the timer at tick_next (or at once if that has passed). */
static void tick_arm(void)
{
	uint64_t now = rdtsc();

	nk_gcall(NK_GCALL_TIMER,
		 tick_next > now ? tsc_to_ns(tick_next - now) : 1000, 0);
}

static void spin(void);

/* NK_GEVENT_TIMER: how late was it?  Then the next period. */
static void tick_event(void)
{
	uint64_t now = rdtsc(), late;

	if (spin_pending) {
		spin_pending = 0;
		spin();
		return;
	}
	if (!ticking)
		return;
	if (fpu_scribbling)
		fpu_scribble(ticks);
	late = now > tick_next ? now - tick_next : 0;
	late_sum += late;
	if (late > late_max)
		late_max = late;
	ticks++;
	tick_next += tick_period;
	tick_arm();
}

/*
 * Spin for SPIN_MS of TSC time without yielding.  A gap between two TSC
 * readings longer than GAP_NS is time the CPU spent elsewhere: a guest of
 * higher priority, or of the same priority at the end of this one's time
 * slice.
 */
static void spin(void)
{
	uint64_t start = rdtsc(), last = start, now, gap;
	uint64_t end = start + (uint64_t)SPIN_MS * tsc_khz;

	spin_gaps = spin_gap_max_ns = spin_gap_sum_ns = 0;
	do {
		now = rdtsc();
		gap = tsc_to_ns(now - last);
		if (gap > GAP_NS) {
			spin_gaps++;
			spin_gap_sum_ns += (uint32_t)gap;
			if (gap > spin_gap_max_ns)
				spin_gap_max_ns = (uint32_t)gap;
		}
		last = now;
	} while (now < end);
}

static void spin_report(void)
{
	say("guest-test: spun ms ", SPIN_MS);
	say("guest-test: spin gaps ", spin_gaps);
	say("guest-test: spin gap max us ", spin_gap_max_ns / 1000);
	say("guest-test: spin gap total ms ", spin_gap_sum_ns / 1000000);
}

static void tick_start(void)
{
	ticks = 0;
	late_max = late_sum = 0;
	tick_period = (uint64_t)PERIOD_NS * tsc_khz / 1000000u;
	tick_start_tsc = rdtsc();
	tick_next = tick_start_tsc + tick_period;
	ticking = 1;
	tick_arm();
	say("guest-test: ticking every ns: ", PERIOD_NS);
}

/* Report the ticks, and the periods that elapsed: they must be equal. */
static void tick_stop(void)
{
	uint64_t periods = (rdtsc() - tick_start_tsc) / tick_period;

	ticking = 0;
	nk_gcall(NK_GCALL_TIMER, NK_GTIMER_CANCEL, 0);
	say("guest-test: ticks ", ticks);
	say("guest-test: periods ", (uint32_t)periods);
	say("guest-test: late max ns ", tsc_to_ns(late_max));
	say("guest-test: late mean ns ", ticks ? tsc_to_ns(late_sum / ticks) : 0);
}

void guest_main(struct nk_guest_info *gi)
{
	volatile uint32_t zero = 0;
	uint32_t run = 0, ev, cmd;

	tsc_khz = gi->tsc_khz;
	os_slot = gi->os;
	vcpu = (struct nk_vcpu *)gi->vcpu;
	say("guest-test: hello from the guest, boot ", gi->boot_count);
	for (;;) {
		nk_gcall(NK_GCALL_YIELD, 0, 0);
		ev = __atomic_exchange_n(&vcpu->pending, 0, __ATOMIC_SEQ_CST);
		if (ev & NK_GEVENT_TIMER)
			tick_event();
		if (ev & NK_GEVENT_IRQ)
			irqs += (uint32_t)__builtin_popcount(
				__atomic_exchange_n(&vcpu->irqs, 0, __ATOMIC_SEQ_CST));
		if (!(ev & NK_GEVENT_COMMAND))
			continue;	/* an event, not a run the host asked for */
		cmd = vcpu->command;
		run++;
		switch (cmd) {
		case CMD_TICK_START:
			tick_start();
			break;
		case CMD_TICK_STOP:
			tick_stop();
			break;
		case CMD_REPORT_IRQ:
			say("guest-test: device interrupts ", irqs);
			break;
		case CMD_FPU_ON:
			fpu_scribbling = 1;
			fpu_scribble(run);
			say("guest-test: using the FPU at every tick, run ", run);
			break;
		case CMD_DIVIDE:
			say("guest-test: dividing by zero, run ", run);
			__asm__ volatile("divl %0" : : "r"(zero), "a"(1), "d"(0));
			break;
		case CMD_UD2:
			say("guest-test: invalid opcode, run ", run);
			__asm__ volatile("ud2");
			break;
		case CMD_PAGE_FAULT:
			say("guest-test: page fault, run ", run);
			(void)*(volatile uint32_t *)0x30000000;
			break;
		case CMD_BAD_CONSOLE:
			say("guest-test: wild console pointer refused: ",
			    (uint32_t)-nk_gcall(NK_GCALL_CONSOLE, 0x1000, 16));
			break;
		case CMD_STACK_OVERFLOW:
			say("guest-test: stack overflow, run ", run);
			/* The first push below the partition faults, and so
			 * does the CPU's push of that fault's frame. */
			__asm__ volatile("movl %0, %%esp; pushl $0"
					 : : "i"(NK_GUEST_VIRT_BASE) : "memory");
			break;
		case CMD_SPIN:
			spin();
			spin_report();
			break;
		case CMD_SPIN_LATER:
			spin_pending = 1;
			nk_gcall(NK_GCALL_TIMER, SPIN_LATER_MS * 1000000u, 0);
			say("guest-test: spinning in ms: ", SPIN_LATER_MS);
			break;
		case CMD_SPIN_REPORT:
			spin_report();
			break;
		case CMD_NOP:
			break;
		default:
			say("guest-test: run ", run);
		}
	}
}
