// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rtos/include/itron.h - µITRON 4.0 common definitions: data types,
 * main error codes and the constants every ITRON specification shares.
 *
 * Only <stddef.h> and <stdint.h>, which a freestanding compiler provides,
 * so the same header serves the i386 guest and the unit tests on x86_64.
 */
#ifndef ITRON_H
#define ITRON_H

#include <stddef.h>
#include <stdint.h>

typedef int8_t B;
typedef int16_t H;
typedef int32_t W;
typedef uint8_t UB;
typedef uint16_t UH;
typedef uint32_t UW;

typedef int INT;
typedef unsigned int UINT;
typedef int BOOL;
typedef void *VP;
typedef void (*FP)(void);
typedef intptr_t VP_INT;	/* a pointer or an integer: task exinf, dtq data */

typedef INT FN;
typedef INT ER;		/* E_OK or a negative error code */
typedef INT ID;		/* object ID, 1 up */
typedef UINT ATR;	/* object attribute, TA_* */
typedef UINT INHNO;	/* interrupt number: the port's own (kernel/port.h) */
typedef UINT STAT;
typedef UINT MODE;
typedef INT PRI;	/* 1 is the highest */
typedef size_t SIZE;
typedef W TMO;		/* TMO_POL, TMO_FEVR or milliseconds */
typedef UW RELTIM;	/* milliseconds */
typedef UW SYSTIM;	/* milliseconds since kernel_start(), wraps */
typedef INT ER_BOOL;
typedef INT ER_ID;
typedef INT ER_UINT;	/* a count, or a negative error code */

#define TRUE		1
#define FALSE		0

/* Main error codes, with their µITRON 4.0 values. */
#define E_OK		0
#define E_SYS		(-5)	/* system error */
#define E_NOSPT		(-9)	/* unsupported function */
#define E_RSFN		(-10)	/* reserved function code */
#define E_RSATR		(-11)	/* reserved attribute */
#define E_PAR		(-17)	/* parameter error */
#define E_ID		(-18)	/* invalid ID number */
#define E_CTX		(-25)	/* context error */
#define E_MACV		(-26)	/* memory access violation */
#define E_OACV		(-27)	/* object access violation */
#define E_ILUSE		(-28)	/* illegal service call use */
#define E_NOMEM		(-33)	/* insufficient memory */
#define E_NOID		(-34)	/* no ID number available */
#define E_OBJ		(-41)	/* object state error */
#define E_NOEXS		(-42)	/* non-existent object */
#define E_QOVR		(-43)	/* queue overflow */
#define E_RLWAI		(-49)	/* forced release from waiting */
#define E_TMOUT		(-50)	/* polling failure or timeout */
#define E_DLT		(-51)	/* waiting object deleted */
#define E_CLS		(-52)	/* waiting object state changed */

/* Object attributes shared by all object kinds. */
#define TA_NULL		0u
#define TA_HLNG		0x00u	/* handler written in a high-level language */
#define TA_ASM		0x01u
#define TA_TFIFO	0x00u	/* wait queue in FIFO order */
#define TA_TPRI		0x01u	/* wait queue in task priority order */
#define TA_MFIFO	0x00u	/* message queue in FIFO order */
#define TA_MPRI		0x02u	/* message queue in message priority order */

/* Timeouts. */
#define TMO_POL		0	/* do not wait */
#define TMO_FEVR	(-1)	/* wait forever */
#define TMO_NBLK	(-2)	/* non-blocking: not supported, E_PAR */

#endif /* ITRON_H */
