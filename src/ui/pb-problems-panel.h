/* pb-problems-panel.h: what the checks found, grouped by check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pb-core.h"

G_BEGIN_DECLS

#define PB_TYPE_PROBLEMS_PANEL (pb_problems_panel_get_type ())

G_DECLARE_FINAL_TYPE (PbProblemsPanel, pb_problems_panel, PB, PROBLEMS_PANEL, GtkWidget)

/* A group per check (errors first), its findings inside. Each update is
 * applied in place: groups keep their rows and whether they are open
 * (errors open when they first appear, warnings and notes stay closed
 * under their title and count; after that only the administrator opens
 * or closes a group, and that is remembered), and a new error is
 * scrolled into view. Activating a finding emits ::finding-activated; a group opens or
 * closes. One Tab stop, arrows within; + and − (→ and ←) open and close. */
GtkWidget  *pb_problems_panel_new          (void);
/* @findings: PbFinding, as pb_checks_run() returns them (by severity). */
void        pb_problems_panel_set_findings (PbProblemsPanel *self,
                                            GListModel      *findings);
/* Focuses the first group (or the row it was on last). */
gboolean    pb_problems_panel_focus        (PbProblemsPanel *self);
/* The rows shown: GtkTreeListRows of PbProblemGroup and PbFinding. */
GListModel *pb_problems_panel_get_rows     (PbProblemsPanel *self);
/* Opens or closes the group at @position of the rows, as the
 * administrator does (remembered). FALSE when it is not a group. */
gboolean    pb_problems_panel_set_expanded (PbProblemsPanel *self,
                                            guint            position,
                                            gboolean         expanded);

G_END_DECLS
