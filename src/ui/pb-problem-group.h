/* pb-problem-group.h: the findings of one check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pb-core.h"

G_BEGIN_DECLS

#define PB_TYPE_PROBLEM_GROUP (pb_problem_group_get_type ())

G_DECLARE_FINAL_TYPE (PbProblemGroup, pb_problem_group, PB, PROBLEM_GROUP, GObject)

/* The Problems panel is a tree: one group per check (code) and severity,
 * holding its findings. A large profile has thousands of findings of a
 * handful of checks; groups keep the panel readable and let the list
 * build only what is expanded. */
PbProblemGroup *pb_problem_group_new          (PbSeverity      severity,
                                               const char     *code);
PbSeverity      pb_problem_group_get_severity (PbProblemGroup *self);
const char     *pb_problem_group_get_code     (PbProblemGroup *self);
/* What the check is called: "Round trips that do not come back". */
const char     *pb_problem_group_get_title    (PbProblemGroup *self);
/* Groups are listed by severity, then in the order of the checks. */
int             pb_problem_group_compare      (PbProblemGroup *a,
                                               PbProblemGroup *b);
/* The GListStore of PbFinding; "n-findings" is notified as it changes. */
GListModel     *pb_problem_group_get_findings (PbProblemGroup *self);
guint           pb_problem_group_get_n_findings (PbProblemGroup *self);

G_END_DECLS
