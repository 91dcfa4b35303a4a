// SPDX-License-Identifier: GPL-2.0 OR MIT
/* rtos/kernel/cyclic.h - cyclic handlers. */
#ifndef RTOS_CYCLIC_H
#define RTOS_CYCLIC_H

#include "time_event.h"

typedef struct cyclic_handler_initialization_block {
	ATR cycatr;		/* TA_STA, TA_PHS */
	VP_INT exinf;
	CYCHDR cychdr;
	RELTIM cyctim;		/* period, at least 1 */
	RELTIM cycphs;		/* first call, in ticks from kernel_start() */
} CYCINIB;

typedef struct cyclic_handler_control_block {
	const CYCINIB *p_cycinib;
	bool cycsta;		/* started */
	TMEVTB tmevtb;		/* the next call; kept while stopped if TA_PHS */
} CYCCB;

void cyclic_initialize(void);

#endif /* RTOS_CYCLIC_H */
