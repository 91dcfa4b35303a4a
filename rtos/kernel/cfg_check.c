// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rtos/kernel/cfg_check.c - kernel_cfg_check(): what the build could not
 * check about a configuration.  Reserved attribute bits are E_RSATR;
 * a hole in a table (a zeroed init block) or a value out of range E_PAR.
 * The first fault found is named by kind, ID and field; an interrupt
 * handler's by its interrupt number instead of an ID.
 */
#include "kernel_cfg.h"

static ER cfg_fault_id(struct kernel_cfg_error *err, const char *kind, ID id,
		       const char *field, ER ercd)
{
	err->kind = kind;
	err->id = id;
	err->field = field;
	return ercd;
}

/* The fault of the init block at index i of a table by ID. */
static ER cfg_fault(struct kernel_cfg_error *err, const char *kind, UINT i,
		    const char *field, ER ercd)
{
	return cfg_fault_id(err, kind, (ID)i + 1, field, ercd);
}

static ER check_tasks(const struct kernel_cfg *cfg,
		      struct kernel_cfg_error *err)
{
	UINT i;

	for (i = 0; i < cfg->tsknum; i++) {
		const TINIB *ti = &cfg->tskinib[i];

		if (ti->tskatr & ~TA_ACT)
			return cfg_fault(err, "task", i, "tskatr", E_RSATR);
		if (ti->task == NULL)
			return cfg_fault(err, "task", i, "task", E_PAR);
		if (ti->itskpri < TMIN_TPRI || ti->itskpri > TMAX_TPRI)
			return cfg_fault(err, "task", i, "itskpri", E_PAR);
		if (ti->stk == NULL || ti->stksz < KCFG_STK_MIN)
			return cfg_fault(err, "task", i, "stk", E_PAR);
	}
	return E_OK;
}

static ER check_sems(const struct kernel_cfg *cfg,
		     struct kernel_cfg_error *err)
{
	UINT i;

	for (i = 0; i < cfg->semnum; i++) {
		const SEMINIB *si = &cfg->seminib[i];

		if (si->sematr & ~TA_TPRI)
			return cfg_fault(err, "semaphore", i, "sematr", E_RSATR);
		if (si->maxsem < 1 || si->maxsem > TMAX_MAXSEM)
			return cfg_fault(err, "semaphore", i, "maxsem", E_PAR);
		if (si->isemcnt > si->maxsem)
			return cfg_fault(err, "semaphore", i, "isemcnt", E_PAR);
	}
	return E_OK;
}

static ER check_flgs_dtqs(const struct kernel_cfg *cfg,
			  struct kernel_cfg_error *err)
{
	UINT i;

	for (i = 0; i < cfg->flgnum; i++)
		if (cfg->flginib[i].flgatr & ~(TA_TPRI | TA_WMUL | TA_CLR))
			return cfg_fault(err, "eventflag", i, "flgatr", E_RSATR);
	for (i = 0; i < cfg->dtqnum; i++) {
		const DTQINIB *di = &cfg->dtqinib[i];

		if (di->dtqatr & ~TA_TPRI)
			return cfg_fault(err, "dataqueue", i, "dtqatr", E_RSATR);
		if (di->dtqcnt > 0 && di->p_dtq == NULL)
			return cfg_fault(err, "dataqueue", i, "p_dtq", E_PAR);
	}
	return E_OK;
}

static ER check_mbxs_mpfs(const struct kernel_cfg *cfg,
			  struct kernel_cfg_error *err)
{
	UINT i;

	for (i = 0; i < cfg->mbxnum; i++) {
		const MBXINIB *mi = &cfg->mbxinib[i];

		if (mi->mbxatr & ~(TA_TPRI | TA_MPRI))
			return cfg_fault(err, "mailbox", i, "mbxatr", E_RSATR);
		if ((mi->mbxatr & TA_MPRI) &&
		    (mi->maxmpri < TMIN_MPRI || mi->maxmpri > TMAX_MPRI))
			return cfg_fault(err, "mailbox", i, "maxmpri", E_PAR);
	}
	for (i = 0; i < cfg->mpfnum; i++) {
		const MPFINIB *pi = &cfg->mpfinib[i];

		if (pi->mpfatr & ~TA_TPRI)
			return cfg_fault(err, "mempfix", i, "mpfatr", E_RSATR);
		if (pi->blkcnt == 0 || pi->blksz == 0 || pi->mpf == NULL)
			return cfg_fault(err, "mempfix", i, "blkcnt", E_PAR);
	}
	return E_OK;
}

static ER check_handlers(const struct kernel_cfg *cfg,
			 struct kernel_cfg_error *err)
{
	UINT i;

	for (i = 0; i < cfg->cycnum; i++) {
		const CYCINIB *ci = &cfg->cycinib[i];

		if (ci->cycatr & ~(TA_STA | TA_PHS))
			return cfg_fault(err, "cyclic", i, "cycatr", E_RSATR);
		if (ci->cychdr == NULL)
			return cfg_fault(err, "cyclic", i, "cychdr", E_PAR);
		if (ci->cyctim < 1 || ci->cyctim > TMAX_RELTIM ||
		    ci->cycphs > TMAX_RELTIM)
			return cfg_fault(err, "cyclic", i, "cyctim", E_PAR);
	}
	for (i = 0; i < cfg->almnum; i++) {
		if (cfg->alminib[i].almatr != TA_HLNG)
			return cfg_fault(err, "alarm", i, "almatr", E_RSATR);
		if (cfg->alminib[i].almhdr == NULL)
			return cfg_fault(err, "alarm", i, "almhdr", E_PAR);
	}
	return E_OK;
}

/* An interrupt handler's fault: named by its number, it has no ID. */
static ER inh_fault(struct kernel_cfg_error *err, const INHINIB *hi,
		    const char *field, ER ercd)
{
	return cfg_fault_id(err, "interrupt", (ID)hi->inhno, field, ercd);
}

/* A list: each entry a number the port has, and no number twice. */
static ER check_inhs(const struct kernel_cfg *cfg,
		     struct kernel_cfg_error *err)
{
	const INHINIB *hi;
	UINT i, j;

	for (i = 0; i < cfg->inhnum; i++) {
		hi = &cfg->inhinib[i];
		if (hi->inhatr != TA_HLNG)
			return inh_fault(err, hi, "inhatr", E_RSATR);
		if (hi->inthdr == NULL)
			return inh_fault(err, hi, "inthdr", E_PAR);
		if (hi->inhno >= port_inhno_count())
			return inh_fault(err, hi, "inhno", E_PAR);
		for (j = 0; j < i; j++)
			if (cfg->inhinib[j].inhno == hi->inhno)
				return inh_fault(err, hi, "inhno", E_PAR);
	}
	return E_OK;
}

ER kernel_cfg_check(const struct kernel_cfg *cfg,
		    struct kernel_cfg_error *err)
{
	ER (*const checks[])(const struct kernel_cfg *,
			     struct kernel_cfg_error *) = {
		check_tasks, check_sems, check_flgs_dtqs, check_mbxs_mpfs,
		check_handlers, check_inhs,
	};
	UINT i;
	ER ercd;

	for (i = 0; i < ARRAY_SIZE(checks); i++) {
		ercd = checks[i](cfg, err);
		if (ercd != E_OK)
			return ercd;
	}
	return E_OK;
}
