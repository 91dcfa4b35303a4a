// SPDX-License-Identifier: GPL-2.0
/*
 * tests/guest/guest.c - a minimal guest for the tests of the guest
 * lifecycle (tests/integration/80-guest.sh): it says hello on COM2 and on
 * its console ring, then yields; each time the host runs it, it does what
 * the command its yield returns asks (see enum below), and yields again.
 */
#include <nk/guest.h>

enum {
	CMD_RUN = 0,		/* print "run N" */
	CMD_DIVIDE = 1,		/* divide by zero */
	CMD_UD2 = 2,		/* invalid opcode */
	CMD_PAGE_FAULT = 3,	/* read outside every mapping */
	CMD_BAD_CONSOLE = 4,	/* hand the console call a wild pointer */
};

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
	com2_write(buf, len);
}

void guest_main(struct nk_guest_info *gi)
{
	volatile uint32_t zero = 0;
	uint32_t run = 0;
	int cmd;

	say("guest-test: hello from the guest, boot ", gi->boot_count);
	for (;;) {
		cmd = nk_gcall(NK_GCALL_YIELD, 0, 0);
		run++;
		switch (cmd) {
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
		default:
			say("guest-test: run ", run);
		}
	}
}
