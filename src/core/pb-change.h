/* pb-change.h: one difference between two configurations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  PB_CHANGE_ADDED,
  PB_CHANGE_REMOVED,
  PB_CHANGE_MODIFIED,
} PbChangeKind;

#define PB_TYPE_CHANGE_KIND (pb_change_kind_get_type ())

GType pb_change_kind_get_type (void) G_GNUC_CONST;

#define PB_TYPE_CHANGE (pb_change_get_type ())

G_DECLARE_FINAL_TYPE (PbChange, pb_change, PB, CHANGE, GObject)

/* @path is the JSON path of what changed (e.g. "stateToPresence.away",
 * "presenceStatuses[apiName=On_a_call].label"; docs/checks.md, "Diff paths");
 * @before/@after are display values (NULL where absent); @description is a
 * translated sentence. */
PbChange     *pb_change_new             (PbChangeKind  kind,
                                         const char   *path,
                                         const char   *before,
                                         const char   *after,
                                         const char   *description);
PbChangeKind  pb_change_get_kind        (PbChange     *self);
const char   *pb_change_get_path        (PbChange     *self);
const char   *pb_change_get_before      (PbChange     *self);
const char   *pb_change_get_after       (PbChange     *self);
const char   *pb_change_get_description (PbChange     *self);

G_END_DECLS
