// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rtos/port/nk/syslog.c - the RTOS's console: each message goes to the
 * guest's console ring (NK_GCALL_CONSOLE, read with nkctl console) and to
 * COM2, polled, which the test harness logs from outside the host.
 *
 * Events are masked while a line goes out, so that a handler's message
 * never lands in the middle of a task's on COM2.
 */
#include <stdarg.h>
#include "nk_hw.h"
#include "nk_port_impl.h"

#define COM2		0x2f8
#define UART_LSR	5
#define UART_LSR_THRE	0x20
#define SYSLOG_LINE	160

struct nkp_sbuf {
	char *p;
	uint32_t len, size;
};

static void nkp_sb_putc(struct nkp_sbuf *b, char c)
{
	if (b->len < b->size)
		b->p[b->len++] = c;
}

static void nkp_sb_puts(struct nkp_sbuf *b, const char *s)
{
	while (*s)
		nkp_sb_putc(b, *s++);
}

static void nkp_sb_putu(struct nkp_sbuf *b, uint64_t v, unsigned int base)
{
	char digits[24];
	int n = 0;

	do {
		digits[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	while (n)
		nkp_sb_putc(b, digits[--n]);
}

/* One conversion: fmt points after the '%'; returns what follows it. */
static const char *nkp_sb_convert(struct nkp_sbuf *b, const char *fmt,
				  va_list *ap)
{
	int lls = 0;
	uint64_t v;

	while (*fmt == 'l') {
		lls++;
		fmt++;
	}
	switch (*fmt) {
	case 'd':
		v = lls >= 2 ? (uint64_t)va_arg(*ap, long long) :
			(uint64_t)(long long)va_arg(*ap, long);
		if ((long long)v < 0) {
			nkp_sb_putc(b, '-');
			v = -v;
		}
		nkp_sb_putu(b, v, 10);
		break;
	case 'u':
	case 'x':
		v = lls >= 2 ? va_arg(*ap, unsigned long long) :
			va_arg(*ap, unsigned long);
		nkp_sb_putu(b, v, *fmt == 'x' ? 16 : 10);
		break;
	case 's':
		nkp_sb_puts(b, va_arg(*ap, const char *));
		break;
	case 'c':
		nkp_sb_putc(b, (char)va_arg(*ap, int));
		break;
	case '\0':
		return fmt;
	default:
		nkp_sb_putc(b, *fmt);	/* %% and the unknown */
	}
	return fmt + 1;
}

static void nkp_com2_write(const char *s, uint32_t n)
{
	uint32_t i;

	for (i = 0; i < n; i++) {
		while (!(nkp_inb(COM2 + UART_LSR) & UART_LSR_THRE))
			;
		nkp_outb((uint8_t)s[i], COM2);
	}
}

void syslog(const char *fmt, ...)
{
	char line[SYSLOG_LINE];
	struct nkp_sbuf b = { line, 0, sizeof(line) };
	va_list ap;
	uint32_t was;

	va_start(ap, fmt);
	while (*fmt) {
		if (*fmt != '%')
			nkp_sb_putc(&b, *fmt++);
		else
			fmt = nkp_sb_convert(&b, fmt + 1, &ap);
	}
	va_end(ap);
	was = nkp_mask();
	nkp_gcall(NK_GCALL_CONSOLE, (uint32_t)line, b.len);
	nkp_com2_write(line, b.len);
	nkp_unmask(was);
}
