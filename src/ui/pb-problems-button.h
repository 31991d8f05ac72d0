/* pb-problems-button.h: how many problems, on a button that shows them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PB_TYPE_PROBLEMS_BUTTON (pb_problems_button_get_type ())

G_DECLARE_FINAL_TYPE (PbProblemsButton, pb_problems_button, PB, PROBLEMS_BUTTON, GtkButton)

/* "2 errors, 1 warning" (or "No problems, 7 notes") with an icon of the
 * worst severity; its action opens the problems. */
GtkWidget  *pb_problems_button_new          (void);
/* @findings: PbFinding; NULL while they are not known yet. */
void        pb_problems_button_set_findings (PbProblemsButton *self,
                                             GListModel       *findings);
const char *pb_problems_button_get_summary  (PbProblemsButton *self);

G_END_DECLS
