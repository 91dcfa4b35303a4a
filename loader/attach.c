// SPDX-License-Identifier: GPL-2.0
/*
 * loader/attach.c - the record a detach leaves, and whether a load may
 * attach to the nanokernel it left running.
 *
 * A detach (nkctl detach; rmmod while a guest is live) leaves the
 * nanokernel, its guests and the services as they are, in memory the host
 * does not use, and writes a struct nk_attach_record at NK_OFF_ATTACH
 * after its last call: the running image's checksum, the ABI revision, and
 * a CRC of the nanokernel's state (include/nk/attach.h: image, data, boot
 * info, maps, tables), which nothing changes while no loader is attached.
 * The nanokernel writes the same record itself before it boots a dead
 * host again (nanokernel/ras.c), so the new host's loader attaches the
 * same way.
 * A later load finds the record and attaches when the region reads back
 * as it was left and the image and configuration it offers are the ones
 * running; anything else is refused before a byte is written, unless the
 * caller asked to replace what runs.  The record is cleared once a loader
 * has attached: a nanokernel is attached to once per detach.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <nk/attach.h>
#include <nk/layout.h>
#include "loader.h"

/* Every refusal ends so, and fits NK_ERROR_LEN with it. */
#define NKL_REPLACE_HINT "; nkctl load --replace starts afresh"

static struct nk_attach_record *nkl_record(struct nkl_loader *ld)
{
	return ld->va + NK_OFF_ATTACH;
}

/* After the last call of a detach: nothing writes the region until the
 * next attach. */
void nkl_attach_record_write(struct nkl_loader *ld)
{
	struct nk_attach_record *r = nkl_record(ld);
	struct nk_status st;

	nkl_loader_read_status(ld, &st);
	memset(r, 0, sizeof(*r));
	r->abi_revision = NK_ABI_REVISION;
	r->image_checksum = ld->hdr.checksum;
	r->detaches = st.detach_count;
	r->state_crc = nk_attach_state_crc(ld->va);
	WRITE_ONCE(r->magic, NK_ATTACH_MAGIC);
}

void nkl_attach_record_clear(struct nkl_loader *ld)
{
	memset(nkl_record(ld), 0, sizeof(struct nk_attach_record));
}

/* Where two configurations first differ, for a refusal. */
static void nkl_config_diff(const struct nk_config *run, const struct nk_config *cfg,
			    char *buf, size_t len)
{
	u32 i;

	if (memcmp(&run->nanokernel, &cfg->nanokernel, sizeof(cfg->nanokernel))) {
		snprintf(buf, len, "[nanokernel]");
		return;
	}
	if (memcmp(&run->shared, &cfg->shared, sizeof(cfg->shared))) {
		snprintf(buf, len, "[shared]");
		return;
	}
	if (run->npartitions != cfg->npartitions || run->ndevices != cfg->ndevices) {
		snprintf(buf, len, "the number of partitions or devices");
		return;
	}
	for (i = 0; i < NK_MAX_PARTITIONS; i++)
		if (memcmp(&run->partitions[i], &cfg->partitions[i], sizeof(cfg->partitions[i]))) {
			snprintf(buf, len, "[partition %.*s]", NK_NAME_LEN,
				 run->partitions[i].name);
			return;
		}
	for (i = 0; i < NK_MAX_DEVICES; i++)
		if (memcmp(&run->devices[i], &cfg->devices[i], sizeof(cfg->devices[i]))) {
			snprintf(buf, len, "[device %.*s]", NK_NAME_LEN,
				 run->devices[i].name);
			return;
		}
	snprintf(buf, len, "[system]");
}

/*
 * With the regions claimed and mapped, nothing written yet: 0, no
 * nanokernel was left here to attach to; 1, one was, and this load (its
 * image header hdr, its configuration ld->cfg) may attach to it; or a
 * refusal, explained.
 */
int nkl_attach_check(struct nkl_loader *ld, const struct nk_image_header *hdr)
{
	const struct nk_attach_record *r = nkl_record(ld);
	const struct nk_image_header *run = ld->va;
	const struct nk_boot_info *bi = ld->va + NK_OFF_BOOTINFO;
	u64 base = ld->cfg.nanokernel.base;
	struct nk_status st;
	char diff[48];
	u32 crc;

	if (READ_ONCE(r->magic) != NK_ATTACH_MAGIC)
		return 0;
	if (r->abi_revision != NK_ABI_REVISION)
		return nkl_refuse(ld, -EPROTO, "[nanokernel] base: the nanokernel "
				  "at 0x%llx was detached by a loader of ABI "
				  "revision %u, this one is %u" NKL_REPLACE_HINT,
				  base, r->abi_revision, NK_ABI_REVISION);
	crc = nk_attach_state_crc(ld->va);
	if (crc != r->state_crc)
		return nkl_refuse(ld, -EBADMSG, "[nanokernel] base: the nanokernel "
				  "detached at 0x%llx is corrupt (state CRC 0x%08x, "
				  "0x%08x when left)"
				  NKL_REPLACE_HINT, base, crc, r->state_crc);
	if (memcmp(run, hdr, sizeof(*hdr)) || r->image_checksum != hdr->checksum)
		return nkl_refuse(ld, -EEXIST, "[nanokernel] base: another "
				  "nanokernel runs detached at 0x%llx (%u.%u.%u, "
				  "checksum 0x%08x; this image 0x%08x)" NKL_REPLACE_HINT, base,
				  NK_VERSION_MAJOR(run->version),
				  NK_VERSION_MINOR(run->version),
				  NK_VERSION_PATCH(run->version), r->image_checksum,
				  hdr->checksum);
	/* The header is this image's, checked: its status offset is sound. */
	nkl_loader_read_status(ld, &st);
	if (st.magic != NK_STATUS_MAGIC || st.state != NK_STATE_DETACHED ||
	    st.detach_count != r->detaches)
		return nkl_refuse(ld, -EBADMSG, "[nanokernel] base: the nanokernel "
				  "at 0x%llx is not as it was left (state %u, %u "
				  "detaches, %u recorded)" NKL_REPLACE_HINT, base,
				  st.state, st.detach_count, r->detaches);
	if (memcmp(&bi->config, &ld->cfg, sizeof(ld->cfg))) {
		nkl_config_diff(&bi->config, &ld->cfg, diff, sizeof(diff));
		return nkl_refuse(ld, -EEXIST, "%s: the nanokernel detached at "
				  "0x%llx runs another configuration"
				  NKL_REPLACE_HINT, diff, base);
	}
	return 1;
}
