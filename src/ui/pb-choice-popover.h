/* pb-choice-popover.h: the one popup the choice buttons of a grid share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pb-choice-button.h"

G_BEGIN_DECLS

#define PB_TYPE_CHOICE_POPOVER (pb_choice_popover_get_type ())

G_DECLARE_FINAL_TYPE (PbChoicePopover, pb_choice_popover, PB, CHOICE_POPOVER, GtkPopover)

/* A search entry over a list of the button's entries. Opening it for a
 * button attaches it to that button; picking an entry sets the button's
 * "selected" and closes it. */
GtkWidget *pb_choice_popover_new    (void);
void       pb_choice_popover_popup  (PbChoicePopover *self,
                                     PbChoiceButton  *button);
/* The button it is open for, or NULL. */
PbChoiceButton *pb_choice_popover_get_button (PbChoicePopover *self);
/* What the list shows after the search (for tests). */
GListModel *pb_choice_popover_get_results (PbChoicePopover *self);
/* Picks the entry at @position of the results, as a click would. */
void       pb_choice_popover_choose (PbChoicePopover *self,
                                     guint            position);

G_END_DECLS
