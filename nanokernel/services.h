/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nanokernel/services.h - the cross-OS services on the nanokernel
 * (svc.c): the environment of the portable code in ipc/ and shmem/, the
 * host's and the guests' calls.
 */
#ifndef NANOKERNEL_SERVICES_H
#define NANOKERNEL_SERVICES_H

#include <nk/types.h>

/* At NK_CALL_INIT: fresh tables; the PNVM area kept if it checks. */
void nk_svc_init(void);
/* NK_CALL_SVC: the host's request, in its staging area. */
int nk_svc_host(void);
/* Give back every reference the host's calls took to segments and PNVM
 * regions (its side goes: a detach); returns how many. */
uint32_t nk_svc_host_release(void);
/* NK_GCALL_SVC from guest i (running, CR3 its own): its request at req. */
int nk_svc_guest(unsigned int i, uint32_t req);

#endif /* NANOKERNEL_SERVICES_H */
