// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rtos/port/nk/nk_svc.h - the nanokernel's cross-OS services as RTOS
 * tasks see them (Documentation/services.md): message queues, event
 * variables, shared memory segments and pseudo-nonvolatile memory shared
 * with the host, in the µITRON style of the rest of the API.
 *
 * Objects are named (1 to 15 of [a-z0-9_.-]) and shared by both OSes:
 * whoever creates one first, the other opens it.  Calls that wait do so
 * in the RTOS (the task sleeps until the nanokernel's doorbell says the
 * object changed); the p* forms only try (E_TMOUT), the t* forms take a
 * timeout in ms.  Errors: E_PAR a bad argument, E_NOEXS no such object,
 * E_OBJ the name is another kind or shape of object (or a region in use),
 * E_NOID no room, E_TMOUT, E_RLWAI released by rel_wai, E_DLT
 * the object was deleted while the task waited, E_MACV a buffer outside
 * the partition, E_SYS the object's table entry was found scribbled (not
 * used), E_CTX not from a task, E_ID an ID no create or open gives.  An
 * ID is the nanokernel's handle: that of a deleted object is E_NOEXS for
 * good, even once another object takes its place.
 */
#ifndef RTOS_NK_SVC_H
#define RTOS_NK_SVC_H

#include "kernel.h"

/* Message queues: depth messages of 1 to msgsz bytes (4096 and more). */
ER_ID nk_cre_mq(const char *name, UINT depth, UINT msgsz);
ER_ID nk_opn_mq(const char *name);
ER nk_del_mq(ID mqid);
ER nk_snd_mq(ID mqid, const void *msg, UINT len);
ER nk_psnd_mq(ID mqid, const void *msg, UINT len);
ER nk_tsnd_mq(ID mqid, const void *msg, UINT len, TMO tmout);
/* Returns the message's length; E_PAR if it is longer than size (it
 * stays queued). */
ER_UINT nk_rcv_mq(ID mqid, void *buf, UINT size);
ER_UINT nk_prcv_mq(ID mqid, void *buf, UINT size);
ER_UINT nk_trcv_mq(ID mqid, void *buf, UINT size, TMO tmout);

/* Event variables: 32 bits, waited for with TWF_ANDW or TWF_ORW; clrptn
 * is cleared when the wait is satisfied. */
ER_ID nk_cre_ev(const char *name, FLGPTN iflgptn);
ER_ID nk_opn_ev(const char *name);
ER nk_del_ev(ID evid);
ER nk_set_ev(ID evid, FLGPTN setptn);
ER nk_clr_ev(ID evid, FLGPTN clrptn);
ER nk_wai_ev(ID evid, FLGPTN waiptn, MODE wfmode, FLGPTN clrptn, FLGPTN *p_flgptn);
ER nk_pol_ev(ID evid, FLGPTN waiptn, MODE wfmode, FLGPTN clrptn, FLGPTN *p_flgptn);
ER nk_twai_ev(ID evid, FLGPTN waiptn, MODE wfmode, FLGPTN clrptn,
	      FLGPTN *p_flgptn, TMO tmout);

/* Shared memory segments, at *p_addr in the guest's address space: size
 * a multiple of 4 KB, zeroed when made. */
#define NK_SHM_ATR_RO_OTHERS	1	/* only this OS may write */
ER_ID nk_cre_shm(const char *name, UINT size, ATR shmatr, VP *p_addr);
ER_ID nk_opn_shm(const char *name, VP *p_addr, UINT *p_size);
ER nk_cls_shm(ID shmid);
ER nk_del_shm(ID shmid);

/* Pseudo-nonvolatile memory: the region of key, allocated (zeroed and
 * committed) if new and size > 0.  An update is bracketed by nk_bgn_pnvm
 * and nk_cmt_pnvm, which checksums it; nk_cls_pnvm gives it up (it stays
 * mapped until the last reference of this OS goes). */
typedef struct t_nkpnvm {
	ID pnvmid;
	VP addr;
	UINT size;
	UINT status;		/* NK_PNVM_NEW, KEPT or TORN (include/nk/svc.h) */
	UINT generation;
	BOOL intact;		/* kept, and its contents give their checksum */
} T_NKPNVM;
ER nk_opn_pnvm(UINT key, UINT size, T_NKPNVM *pk);
ER nk_bgn_pnvm(T_NKPNVM *pk);
ER nk_cmt_pnvm(T_NKPNVM *pk);
ER nk_cls_pnvm(T_NKPNVM *pk);

#endif /* RTOS_NK_SVC_H */
