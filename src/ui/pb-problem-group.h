/* pb-problem-group.h: the findings of one check, or a severity's heading
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pb-core.h"

G_BEGIN_DECLS

#define PB_TYPE_PROBLEM_GROUP (pb_problem_group_get_type ())

G_DECLARE_FINAL_TYPE (PbProblemGroup, pb_problem_group, PB, PROBLEM_GROUP, GObject)

/* The Problems panel is a tree: a heading per severity, under it one group
 * per check (code) holding its findings. A large profile has thousands of
 * findings of a handful of checks; groups keep the panel readable and let
 * the list build only what is expanded. @code NULL makes a heading. */
PbProblemGroup *pb_problem_group_new          (PbSeverity      severity,
                                               const char     *code);
PbSeverity      pb_problem_group_get_severity (PbProblemGroup *self);
/* NULL for a heading. */
const char     *pb_problem_group_get_code     (PbProblemGroup *self);
gboolean        pb_problem_group_is_heading   (PbProblemGroup *self);
/* "Round trips that do not come back", or the severity for a heading. */
const char     *pb_problem_group_get_title    (PbProblemGroup *self);
/* The GListStore of PbFinding; "n-findings" is notified as it changes. */
GListModel     *pb_problem_group_get_findings (PbProblemGroup *self);
guint           pb_problem_group_get_n_findings (PbProblemGroup *self);

G_END_DECLS
