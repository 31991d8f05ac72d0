/* pb-choice-button.h: a drop-down for the grids that owns no popup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PB_TYPE_CHOICE_BUTTON (pb_choice_button_get_type ())

G_DECLARE_FINAL_TYPE (PbChoiceButton, pb_choice_button, PB, CHOICE_BUTTON, GtkButton)

/* Why not a GtkDropDown: in GTK 4.8 every GtkDropDown fills its own popup
 * list with up to 200 rows as soon as it has a model, and a list view keeps
 * up to 200 rows, each with its drop-down: 80,000 widgets for the two
 * grids of a large profile. A choice button shows the selected entry of a
 * GListModel of GtkStringObject; clicking it emits ::open-choices, on which
 * its grid opens the one PbChoicePopover it shares. The API follows
 * GtkDropDown's. */
GtkWidget       *pb_choice_button_new               (void);
GListModel      *pb_choice_button_get_model         (PbChoiceButton *self);
void             pb_choice_button_set_model         (PbChoiceButton *self,
                                                     GListModel     *model);
guint            pb_choice_button_get_selected      (PbChoiceButton *self);
/* Notifies "selected" when it changes, as a choice in the popup does. */
void             pb_choice_button_set_selected      (PbChoiceButton *self,
                                                     guint           position);
GtkStringObject *pb_choice_button_get_selected_item (PbChoiceButton *self);
/* What the button shows while no entry is selected (a value the list
 * does not have); NULL: nothing. */
void             pb_choice_button_set_placeholder   (PbChoiceButton *self,
                                                     const char     *text);

G_END_DECLS
