/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* include/nk/image_check.h - checking a nanokernel image before loading it. */
#ifndef NK_IMAGE_CHECK_H
#define NK_IMAGE_CHECK_H

#include "image.h"

/* The checksum an image should carry (its checksum field taken as zero). */
uint32_t nk_image_checksum(const void *image, size_t len);

/*
 * nk_image_check() - check magic, ABI revision, header and file sizes, the
 * memory size against max_mem (the room the region leaves the image), the
 * entry and status offsets, reserved fields and the checksum.  Returns 0, or
 * a negative errno (-ENOEXEC bad magic, -EPROTO other ABI revision, -EFBIG
 * too large, -EBADMSG checksum, -EINVAL anything else) with reason filled.
 */
int nk_image_check(const void *image, size_t len, uint32_t max_mem,
		   char *reason, size_t reason_len);

/* The checksum a guest image should carry. */
uint32_t nk_guest_checksum(const void *image, size_t len);

/*
 * nk_guest_check() - the same checks for a guest image (include/nk/
 * guest.h): magic, ABI revision, sizes (mem_size against the partition's
 * size part_size), link address, entry and stack inside the image's memory
 * or partition, reserved fields, checksum.  Same errors as nk_image_check.
 */
int nk_guest_check(const void *image, size_t len, uint32_t part_size,
		   char *reason, size_t reason_len);

#endif /* NK_IMAGE_CHECK_H */
