// SPDX-License-Identifier: GPL-2.0
/*
 * scripts/nkimage.c - finish a flat nanokernel image: fill in file_size and
 * the checksum of its header, and refuse an image over the size budget.
 *
 *   nkimage IN.raw OUT.bin            the nanokernel
 *   nkimage --guest IN.raw OUT.bin    a guest image (include/nk/guest.h)
 *
 * Built for the build machine; uses the same checksum code as the loader.
 */
#include <stdio.h>
#include <stdlib.h>
#include <nk/image_check.h>
#include <nk/layout.h>
#include <nk/guest.h>
#include <string.h>

static unsigned char buf[16 << 20];

/* A guest: fill in its header; the partition it goes to is checked at
 * load, here only the 1 GB a guest's map can hold. */
static int nkimage_guest(size_t len, char *reason, size_t rlen)
{
	struct nk_guest_header *g = (struct nk_guest_header *)buf;

	g->file_size = (uint32_t)len;
	g->checksum = nk_guest_checksum(buf, len);
	if (nk_guest_check(buf, len, 0x40000000u, reason, rlen))
		return 1;
	printf("guest image: %zu bytes, text+data+bss %u bytes, checksum 0x%08x\n",
	       len, g->mem_size, g->checksum);
	return 0;
}

int main(int argc, char **argv)
{
	struct nk_image_header *h = (struct nk_image_header *)buf;
	char reason[160];
	FILE *in, *out;
	size_t len;
	int guest = argc == 4 && !strcmp(argv[1], "--guest");

	if (argc != 3 && !guest) {
		fprintf(stderr, "usage: nkimage [--guest] IN.raw OUT.bin\n");
		return 2;
	}
	argv += guest;
	in = fopen(argv[1], "rb");
	if (!in) {
		perror(argv[1]);
		return 1;
	}
	len = fread(buf, 1, sizeof(buf), in);
	if (!feof(in) || len < sizeof(*h) || (!guest && len > NK_OFF_BOOTINFO)) {
		fprintf(stderr, "nkimage: %s: %zu bytes: too large or too short\n",
			argv[1], len);
		return 1;
	}
	fclose(in);
	if (guest && nkimage_guest(len, reason, sizeof(reason))) {
		fprintf(stderr, "nkimage: %s\n", reason);
		return 1;
	}
	if (guest)
		goto write;
	if (h->mem_size > NK_IMAGE_MAX) {
		fprintf(stderr, "nkimage: text+data+bss is %u bytes, over the "
			"%u-byte budget\n", h->mem_size, NK_IMAGE_MAX);
		return 1;
	}
	h->file_size = (uint32_t)len;
	h->checksum = nk_image_checksum(buf, len);
	if (nk_image_check(buf, len, NK_OFF_BOOTINFO, reason, sizeof(reason))) {
		fprintf(stderr, "nkimage: %s\n", reason);
		return 1;
	}
	printf("nanokernel: image %zu bytes, text+data+bss %u bytes "
	       "(budget %u), checksum 0x%08x\n",
	       len, h->mem_size, NK_IMAGE_MAX, h->checksum);
write:
	out = fopen(argv[2], "wb");
	if (!out || fwrite(buf, 1, len, out) != len || fclose(out)) {
		perror(argv[2]);
		return 1;
	}
	return 0;
}
