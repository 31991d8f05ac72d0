/* pb-conflict-row.h: one row where the local draft and the remote configuration differ
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Which part of the mapping a row is. */
typedef enum
{
  PB_CONFLICT_ROW_PRESENCE, /* presenceToState.<api name> */
  PB_CONFLICT_ROW_STATE,    /* stateToPresence.<state id> */
  PB_CONFLICT_ROW_REVERT,   /* revertToLastStatus */
} PbConflictRowKind;

/* Which version a row takes in the merge. */
typedef enum
{
  PB_CONFLICT_SIDE_LOCAL,
  PB_CONFLICT_SIDE_REMOTE,
} PbConflictSide;

/* Who changed a row since the base. Both, when no base is known. */
typedef enum /*< flags >*/
{
  PB_CONFLICT_CHANGED_LOCAL  = 1 << 0,
  PB_CONFLICT_CHANGED_REMOTE = 1 << 1,
  PB_CONFLICT_CHANGED_BOTH   = PB_CONFLICT_CHANGED_LOCAL | PB_CONFLICT_CHANGED_REMOTE,
} PbConflictChanges;

#define PB_TYPE_CONFLICT_ROW_KIND (pb_conflict_row_kind_get_type ())
#define PB_TYPE_CONFLICT_SIDE     (pb_conflict_side_get_type ())
#define PB_TYPE_CONFLICT_CHANGES  (pb_conflict_changes_get_type ())

GType pb_conflict_row_kind_get_type (void) G_GNUC_CONST;
GType pb_conflict_side_get_type     (void) G_GNUC_CONST;
GType pb_conflict_changes_get_type  (void) G_GNUC_CONST;

#define PB_TYPE_CONFLICT_ROW (pb_conflict_row_get_type ())

G_DECLARE_FINAL_TYPE (PbConflictRow, pb_conflict_row, PB, CONFLICT_ROW, GObject)

/* @key is the API name or state id (NULL for the switch); @path its
 * configuration-file path (docs/checks.md, "Diff paths"); @label what the
 * row is called ("Busy › Busy Inbound"); the three values are what each
 * side shows, in the product's words (@base_value NULL when no base is
 * known). The choice starts as REMOTE for a row only the remote side
 * changed, LOCAL otherwise. Everything but the choice is immutable. */
PbConflictRow     *pb_conflict_row_new              (PbConflictRowKind  kind,
                                                     const char        *key,
                                                     const char        *path,
                                                     const char        *label,
                                                     const char        *base_value,
                                                     const char        *local_value,
                                                     const char        *remote_value,
                                                     PbConflictChanges  changes);
PbConflictRowKind  pb_conflict_row_get_kind         (PbConflictRow     *self);
const char        *pb_conflict_row_get_key          (PbConflictRow     *self);
const char        *pb_conflict_row_get_path         (PbConflictRow     *self);
const char        *pb_conflict_row_get_label        (PbConflictRow     *self);
const char        *pb_conflict_row_get_base_value   (PbConflictRow     *self);
const char        *pb_conflict_row_get_local_value  (PbConflictRow     *self);
const char        *pb_conflict_row_get_remote_value (PbConflictRow     *self);
PbConflictChanges  pb_conflict_row_get_changes      (PbConflictRow     *self);
PbConflictSide     pb_conflict_row_get_choice       (PbConflictRow     *self);
void               pb_conflict_row_set_choice       (PbConflictRow     *self,
                                                     PbConflictSide     choice);

G_END_DECLS
