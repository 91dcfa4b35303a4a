// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * lib/image_check.c - check a nanokernel image before it is loaded.
 *
 * Shared by the loader (which trusts nothing from user space), nkimage (the
 * build) and the unit tests, so that all three refuse the same images with
 * the same words.  Each check says what it found and what it wanted: the
 * reason ends up in front of whoever ran "nkctl load".
 */
#ifdef __KERNEL__
#include <linux/errno.h>
#include <linux/kernel.h>
#else
#include <errno.h>
#include <stdio.h>
#endif
#include <nk/image_check.h>
#include <nk/crc32.h>
#include <nk/layout.h>
#include <nk/guest.h>

#define NK_CSUM_OFF	__builtin_offsetof(struct nk_image_header, checksum)

/* CRC-32 of image with the 4-byte checksum field at off taken as zero. */
static uint32_t nk_checksum_at(const void *image, size_t len, size_t off)
{
	static const uint32_t zero;
	const uint8_t *p = image;
	uint32_t crc;

	/* Too short to hold the field: nothing to leave out. */
	if (len < off + sizeof(zero))
		return nk_crc32(0, image, len);
	crc = nk_crc32(0, p, off);
	crc = nk_crc32(crc, &zero, sizeof(zero));
	return nk_crc32(crc, p + off + sizeof(zero), len - off - sizeof(zero));
}

uint32_t nk_image_checksum(const void *image, size_t len)
{
	return nk_checksum_at(image, len, NK_CSUM_OFF);
}

/* Sizes: of the header, of the file, of the image once in memory. */
static int nk_check_sizes(const struct nk_image_header *h, size_t len,
			  uint32_t max_mem, char *reason, size_t rlen)
{
	if (h->header_size != sizeof(*h)) {
		snprintf(reason, rlen, "header size %u, this loader expects %u",
			 h->header_size, (unsigned int)sizeof(*h));
		return -EINVAL;
	}
	if (h->file_size != len) {
		snprintf(reason, rlen, "file size %u in header, %lu given",
			 h->file_size, (unsigned long)len);
		return -EINVAL;
	}
	if (h->mem_size < h->file_size) {
		snprintf(reason, rlen, "mem_size %u is less than the file's %u bytes "
			 "(a corrupt header)", h->mem_size, h->file_size);
		return -EINVAL;
	}
	if (h->mem_size > max_mem) {
		snprintf(reason, rlen, "image needs %u bytes, the region leaves %u",
			 h->mem_size, max_mem);
		return -EFBIG;
	}
	return 0;
}

/* Where it is linked and where the loader will jump and look. */
static int nk_check_offsets(const struct nk_image_header *h, char *reason,
			    size_t rlen)
{
	if (h->link_base != NK_VIRT_BASE) {
		snprintf(reason, rlen, "linked at 0x%08x, the loader maps it at 0x%08x",
			 h->link_base, NK_VIRT_BASE);
		return -EINVAL;
	}
	if (h->entry_host >= h->file_size) {
		snprintf(reason, rlen, "host entry offset 0x%x out of range (file is %u bytes)",
			 h->entry_host, h->file_size);
		return -EINVAL;
	}
	if (h->entry_nk >= h->file_size) {
		snprintf(reason, rlen, "nanokernel entry offset 0x%x out of range (file is %u bytes)",
			 h->entry_nk, h->file_size);
		return -EINVAL;
	}
	/* Written as a subtraction-free sum: mem_size may be tiny. */
	if ((uint64_t)h->status_offset + sizeof(struct nk_status) > h->mem_size) {
		snprintf(reason, rlen, "status offset 0x%x out of range (image is %u bytes in memory)",
			 h->status_offset, h->mem_size);
		return -EINVAL;
	}
	return 0;
}

static int nk_check_reserved(const struct nk_image_header *h, char *reason,
			     size_t rlen)
{
	int i;

	for (i = 0; i < (int)(sizeof(h->reserved) / sizeof(h->reserved[0])); i++) {
		if (h->reserved[i]) {
			snprintf(reason, rlen, "reserved header field %d is not zero",
				 i);
			return -EINVAL;
		}
	}
	return 0;
}

int nk_image_check(const void *image, size_t len, uint32_t max_mem,
		   char *reason, size_t rlen)
{
	const struct nk_image_header *h = image;
	uint32_t sum;
	int err;

	if (len < sizeof(*h)) {
		snprintf(reason, rlen, "image too short (%lu bytes)",
			 (unsigned long)len);
		return -EINVAL;
	}
	if (h->magic != NK_IMAGE_MAGIC) {
		snprintf(reason, rlen, "bad magic 0x%08x (not a nanokernel image)",
			 h->magic);
		return -ENOEXEC;
	}
	if (h->abi_revision != NK_ABI_REVISION) {
		snprintf(reason, rlen, "ABI revision %u, this loader speaks %u",
			 h->abi_revision, NK_ABI_REVISION);
		return -EPROTO;
	}
	err = nk_check_sizes(h, len, max_mem, reason, rlen);
	if (!err)
		err = nk_check_offsets(h, reason, rlen);
	if (!err)
		err = nk_check_reserved(h, reason, rlen);
	if (err)
		return err;
	sum = nk_image_checksum(image, len);
	if (sum != h->checksum) {
		snprintf(reason, rlen, "checksum 0x%08x, image contents give 0x%08x",
			 h->checksum, sum);
		return -EBADMSG;
	}
	if (rlen)
		reason[0] = '\0';
	return 0;
}

/* ---- guest images (include/nk/guest.h) ---- */

#define NK_GUEST_CSUM_OFF	__builtin_offsetof(struct nk_guest_header, checksum)

uint32_t nk_guest_checksum(const void *image, size_t len)
{
	return nk_checksum_at(image, len, NK_GUEST_CSUM_OFF);
}

static int nk_guest_layout(const struct nk_guest_header *h, size_t len,
			   uint32_t part_size, char *reason, size_t rlen)
{
	unsigned int i;

	if (h->header_size != sizeof(*h) || h->file_size != len) {
		snprintf(reason, rlen, "header size %u and file size %u, expected "
			 "%u and %lu", h->header_size, h->file_size,
			 (unsigned int)sizeof(*h), (unsigned long)len);
		return -EINVAL;
	}
	if (h->mem_size < h->file_size) {
		snprintf(reason, rlen, "mem_size %u is less than the file's %u bytes "
			 "(a corrupt header)", h->mem_size, h->file_size);
		return -EINVAL;
	}
	if (h->mem_size > part_size) {
		snprintf(reason, rlen, "guest needs %u bytes, the partition has %u",
			 h->mem_size, part_size);
		return -EFBIG;
	}
	if (h->link_base != NK_GUEST_VIRT_BASE || h->entry >= h->mem_size ||
	    h->stack_top < 256 || h->stack_top > part_size) {
		snprintf(reason, rlen, "link base 0x%x, entry 0x%x or stack 0x%x "
			 "out of range", h->link_base, h->entry, h->stack_top);
		return -EINVAL;
	}
	for (i = 0; i < sizeof(h->reserved) / sizeof(h->reserved[0]); i++) {
		if (h->reserved[i]) {
			snprintf(reason, rlen, "reserved header field %u is not zero", i);
			return -EINVAL;
		}
	}
	return 0;
}

int nk_guest_check(const void *image, size_t len, uint32_t part_size,
		   char *reason, size_t rlen)
{
	const struct nk_guest_header *h = image;
	uint32_t sum;
	int err;

	if (len < sizeof(*h)) {
		snprintf(reason, rlen, "image too short (%lu bytes)", (unsigned long)len);
		return -EINVAL;
	}
	if (h->magic != NK_GUEST_MAGIC) {
		snprintf(reason, rlen, "bad magic 0x%08x (not a guest image)", h->magic);
		return -ENOEXEC;
	}
	if (h->abi_revision != NK_ABI_REVISION) {
		snprintf(reason, rlen, "ABI revision %u, this loader speaks %u",
			 h->abi_revision, NK_ABI_REVISION);
		return -EPROTO;
	}
	err = nk_guest_layout(h, len, part_size, reason, rlen);
	if (err)
		return err;
	sum = nk_guest_checksum(image, len);
	if (sum != h->checksum) {
		snprintf(reason, rlen, "checksum 0x%08x, image contents give 0x%08x",
			 h->checksum, sum);
		return -EBADMSG;
	}
	return 0;
}
