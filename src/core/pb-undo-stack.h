/* pb-undo-stack.h: undo and redo of mapping edits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-configuration.h"

G_BEGIN_DECLS

/* How many edits are kept; older ones are forgotten. */
#define PB_UNDO_STACK_MAX_DEPTH 1000

#define PB_TYPE_UNDO_STACK (pb_undo_stack_get_type ())

G_DECLARE_FINAL_TYPE (PbUndoStack, pb_undo_stack, PB, UNDO_STACK, GObject)

/* Edits go through the stack, which applies them to @configuration and
 * records what they replaced. An edit that changes nothing records nothing;
 * a new edit forgets what could be redone. Changes made to the
 * configuration behind the stack's back (an import, a restore) are not
 * undoable: call pb_undo_stack_clear() after them. */
PbUndoStack     *pb_undo_stack_new                       (PbConfiguration *configuration);
PbConfiguration *pb_undo_stack_get_configuration         (PbUndoStack     *self);

void             pb_undo_stack_set_presence_mapping      (PbUndoStack     *self,
                                                          const char      *api_name,
                                                          const char      *state_id);
/* @presence_api_name NULL maps the state to offline. */
void             pb_undo_stack_set_state_mapping         (PbUndoStack     *self,
                                                          const char      *state_id,
                                                          const char      *presence_api_name);
void             pb_undo_stack_unset_state_mapping       (PbUndoStack     *self,
                                                          const char      *state_id);
void             pb_undo_stack_set_revert_to_last_status (PbUndoStack     *self,
                                                          gboolean         revert);
void             pb_undo_stack_replace                   (PbUndoStack     *self,
                                                          PbConfiguration *with);

gboolean         pb_undo_stack_get_can_undo              (PbUndoStack     *self);
gboolean         pb_undo_stack_get_can_redo              (PbUndoStack     *self);
guint            pb_undo_stack_get_n_undo                (PbUndoStack     *self);
/* Return FALSE when there was nothing to undo or redo. */
gboolean         pb_undo_stack_undo                      (PbUndoStack     *self);
gboolean         pb_undo_stack_redo                      (PbUndoStack     *self);
void             pb_undo_stack_clear                     (PbUndoStack     *self);

G_END_DECLS
