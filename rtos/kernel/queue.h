// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rtos/kernel/queue.h - circular doubly linked lists with a head node:
 * the ready queues, the wait queues and the timer queue.
 *
 * An entry's links are NULL while it is on no list, so a timer event or
 * a task can be asked whether it is queued without a separate flag.
 */
#ifndef RTOS_QUEUE_H
#define RTOS_QUEUE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct queue {
	struct queue *next;
	struct queue *prev;
} QUEUE;

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

static inline void queue_init(QUEUE *head)
{
	head->next = head;
	head->prev = head;
}

static inline void queue_entry_init(QUEUE *entry)
{
	entry->next = NULL;
	entry->prev = NULL;
}

static inline bool queue_empty(const QUEUE *head)
{
	return head->next == head;
}

static inline bool queue_linked(const QUEUE *entry)
{
	return entry->next != NULL;
}

/* Insert entry just before pos; before the head means at the tail. */
static inline void queue_insert_before(QUEUE *pos, QUEUE *entry)
{
	entry->prev = pos->prev;
	entry->next = pos;
	pos->prev->next = entry;
	pos->prev = entry;
}

static inline void queue_delete(QUEUE *entry)
{
	entry->prev->next = entry->next;
	entry->next->prev = entry->prev;
	queue_entry_init(entry);
}

#endif /* RTOS_QUEUE_H */
