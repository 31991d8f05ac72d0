/* pb-choice-popover.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-choice-popover.h"
#include "pb-ui-util.h"

struct _PbChoicePopover
{
  GtkPopover parent_instance;

  GtkSearchEntry     *search_entry;
  GtkListView        *list;
  GtkFilterListModel *results;
  GtkStringFilter    *filter;

  PbChoiceButton *button;   /* weak: the button it is open for */
  GObject        *current;  /* the entry the button shows */
};

G_DEFINE_FINAL_TYPE (PbChoicePopover, pb_choice_popover, GTK_TYPE_POPOVER)

void
pb_choice_popover_choose (PbChoicePopover *self,
                          guint            position)
{
  g_autoptr(GObject) item = NULL;
  PbChoiceButton *button;
  GListModel *model;
  guint n;

  g_return_if_fail (PB_IS_CHOICE_POPOVER (self));

  button = self->button;
  item = g_list_model_get_item (G_LIST_MODEL (self->results), position);
  if (button == NULL || item == NULL)
    return;

  /* The search hides entries: find the chosen one in the whole list. */
  model = pb_choice_button_get_model (button);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) candidate = g_list_model_get_item (model, i);

      if (candidate == item)
        {
          g_object_ref (button);
          gtk_popover_popdown (GTK_POPOVER (self));
          pb_choice_button_set_selected (button, i);
          gtk_widget_grab_focus (GTK_WIDGET (button));
          g_object_unref (button);
          return;
        }
    }
}

/* A row: the entry (up to two lines), and a check mark on the entry the
 * button shows now, which the keyboard's cursor does not move. */
static void
choice_setup_cb (PbChoicePopover          *self,
                 GtkListItem              *item,
                 GtkSignalListItemFactory *factory)
{
  gtk_list_item_set_child (item, pb_ui_check_row_new (_("Current choice")));
}

static void
choice_bind_cb (PbChoicePopover          *self,
                GtkListItem              *item,
                GtkSignalListItemFactory *factory)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  pb_ui_check_row_set (gtk_list_item_get_child (item), gtk_string_object_get_string (string),
                       G_OBJECT (string) == self->current);
}

static void
list_activate_cb (PbChoicePopover *self,
                  guint            position,
                  GtkListView     *list)
{
  pb_choice_popover_choose (self, position);
}

static void
search_changed_cb (PbChoicePopover *self,
                   GtkSearchEntry  *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  gtk_string_filter_set_search (self->filter, text[0] != '\0' ? text : NULL);
}

/* Enter in the search picks the first match. */
static void
search_activate_cb (PbChoicePopover *self,
                    GtkSearchEntry  *entry)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->results)) > 0)
    pb_choice_popover_choose (self, 0);
}

/* Escape clears a search first (the entry does that); with nothing to
 * clear it closes the popup, as Escape closes any popup. */
static void
stop_search_cb (PbChoicePopover *self,
                GtkSearchEntry  *entry)
{
  if (gtk_editable_get_text (GTK_EDITABLE (entry))[0] != '\0')
    gtk_editable_set_text (GTK_EDITABLE (entry), "");
  else
    gtk_popover_popdown (GTK_POPOVER (self));
}

/* Down from the search goes into the list. */
static gboolean
search_key_pressed_cb (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       PbChoicePopover       *self)
{
  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return FALSE;

  return gtk_widget_child_focus (GTK_WIDGET (self->list), GTK_DIR_TAB_FORWARD);
}

static void
closed_cb (PbChoicePopover *self)
{
  /* However it closed (a choice, Escape, a click outside), the focus
   * goes back to the drop-down it came from. */
  if (self->button != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->button));
  g_clear_weak_pointer (&self->button);
  g_clear_object (&self->current);
}

static void
pb_choice_popover_dispose (GObject *object)
{
  PbChoicePopover *self = (PbChoicePopover *)object;

  g_clear_weak_pointer (&self->button);
  g_clear_object (&self->current);
  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_CHOICE_POPOVER);

  G_OBJECT_CLASS (pb_choice_popover_parent_class)->dispose (object);
}

static void
pb_choice_popover_class_init (PbChoicePopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_choice_popover_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/presencebridge/PresenceBridge/pb-choice-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, PbChoicePopover, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PbChoicePopover, list);
  gtk_widget_class_bind_template_child (widget_class, PbChoicePopover, results);
  gtk_widget_class_bind_template_child (widget_class, PbChoicePopover, filter);
  gtk_widget_class_bind_template_callback (widget_class, choice_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, choice_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, closed_cb);
}

static void
pb_choice_popover_init (PbChoicePopover *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));

  controller = gtk_event_controller_key_new ();
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (search_key_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), controller);
}

GtkWidget *
pb_choice_popover_new (void)
{
  return g_object_new (PB_TYPE_CHOICE_POPOVER, NULL);
}

void
pb_choice_popover_popup (PbChoicePopover *self,
                         PbChoiceButton  *button)
{
  GtkWidget *parent;
  guint selected;

  g_return_if_fail (PB_IS_CHOICE_POPOVER (self));
  g_return_if_fail (PB_IS_CHOICE_BUTTON (button));

  /* One popover for every button: it moves to the one clicked. */
  parent = gtk_widget_get_parent (GTK_WIDGET (self));
  if (parent != GTK_WIDGET (button))
    {
      if (parent != NULL)
        gtk_widget_unparent (GTK_WIDGET (self));
      gtk_widget_set_parent (GTK_WIDGET (self), GTK_WIDGET (button));
    }
  g_set_weak_pointer (&self->button, button);
  g_clear_object (&self->current);
  self->current = G_OBJECT (pb_choice_button_get_selected_item (button));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_string_filter_set_search (self->filter, NULL);
  /* Rebinds every row, so the check mark moves to this button's entry. */
  gtk_filter_list_model_set_model (self->results, NULL);
  gtk_filter_list_model_set_model (self->results, pb_choice_button_get_model (button));

  gtk_popover_popup (GTK_POPOVER (self));
  selected = pb_choice_button_get_selected (button);
  if (selected != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list), "list.scroll-to-item", "u", selected);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

PbChoiceButton *
pb_choice_popover_get_button (PbChoicePopover *self)
{
  g_return_val_if_fail (PB_IS_CHOICE_POPOVER (self), NULL);
  return self->button;
}

GListModel *
pb_choice_popover_get_results (PbChoicePopover *self)
{
  g_return_val_if_fail (PB_IS_CHOICE_POPOVER (self), NULL);
  return G_LIST_MODEL (self->results);
}
