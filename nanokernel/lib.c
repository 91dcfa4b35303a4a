// SPDX-License-Identifier: GPL-2.0
/* nanokernel/lib.c - the few C library routines the compiler may call. */
#include <nk/types.h>

/*
 * String instructions: the services copy messages of up to 64 KB and clear
 * whole segments, with interrupts off, so these must be quick.  DF is
 * clear in the nanokernel (every entry comes with the host's or a guest's
 * EFLAGS, and both keep it clear, as the i386 ABI says; cld makes sure).
 */
void *memset(void *s, int c, size_t n)
{
	void *d = s;
	size_t words = n / 4;
	uint32_t v = (uint8_t)c * 0x01010101u;

	__asm__ volatile("cld; rep stosl" : "+D"(d), "+c"(words) : "a"(v) : "memory");
	n %= 4;
	__asm__ volatile("rep stosb" : "+D"(d), "+c"(n) : "a"(v) : "memory");
	return s;
}

void *memcpy(void *d, const void *s, size_t n)
{
	void *dp = d;
	size_t words = n / 4;

	__asm__ volatile("cld; rep movsl" : "+D"(dp), "+S"(s), "+c"(words) : : "memory");
	n %= 4;
	__asm__ volatile("rep movsb" : "+D"(dp), "+S"(s), "+c"(n) : : "memory");
	return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *pa = a, *pb = b;

	for (; n; n--, pa++, pb++)
		if (*pa != *pb)
			return *pa - *pb;
	return 0;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}
