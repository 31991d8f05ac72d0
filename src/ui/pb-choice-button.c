/* pb-choice-button.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-choice-button.h"
#include "pb-ui-util.h"

struct _PbChoiceButton
{
  GtkButton parent_instance;

  GtkLabel        *label;
  GListModel      *model;
  guint            selected;
  char            *placeholder;  /* shown while no entry is selected */
};

G_DEFINE_FINAL_TYPE (PbChoiceButton, pb_choice_button, GTK_TYPE_BUTTON)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_SELECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  OPEN_CHOICES,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_label (PbChoiceButton *self)
{
  g_autoptr(GtkStringObject) item = pb_choice_button_get_selected_item (self);
  const char *text = item ? gtk_string_object_get_string (item) : self->placeholder ? self->placeholder : "";

  gtk_label_set_label (self->label, text);
  /* Cut short in a narrow column: the tooltip has it whole. */
  pb_ui_set_tooltip (GTK_WIDGET (self), text[0] != '\0' ? text : NULL);
  /* The accessible label names the row; the value is read from here. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
}

static void
model_items_changed_cb (PbChoiceButton *self,
                        guint           position,
                        guint           removed,
                        guint           added,
                        GListModel     *model)
{
  /* The entry shown may have changed its text (a minor's "Same as …"). */
  update_label (self);
}

static void
pb_choice_button_clicked (GtkButton *button)
{
  PbChoiceButton *self = PB_CHOICE_BUTTON (button);

  if (self->model != NULL)
    g_signal_emit (self, signals[OPEN_CHOICES], 0);
}

/* A popover attached to the button is positioned by it. */
static void
pb_choice_button_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  GTK_WIDGET_CLASS (pb_choice_button_parent_class)->size_allocate (widget, width, height, baseline);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_POPOVER (child))
        gtk_popover_present (GTK_POPOVER (child));
    }
}

static void
pb_choice_button_dispose (GObject *object)
{
  PbChoiceButton *self = (PbChoiceButton *)object;
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));

  /* The shared popover may be attached here; it belongs to the grid. */
  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (GTK_IS_POPOVER (child))
        gtk_widget_unparent (child);
      child = next;
    }

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  g_clear_pointer (&self->placeholder, g_free);

  G_OBJECT_CLASS (pb_choice_button_parent_class)->dispose (object);
}

static void
pb_choice_button_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PbChoiceButton *self = PB_CHOICE_BUTTON (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_SELECTED:
      g_value_set_uint (value, self->selected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_choice_button_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PbChoiceButton *self = PB_CHOICE_BUTTON (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      pb_choice_button_set_model (self, g_value_get_object (value));
      break;
    case PROP_SELECTED:
      pb_choice_button_set_selected (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_choice_button_class_init (PbChoiceButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkButtonClass *button_class = GTK_BUTTON_CLASS (klass);

  object_class->dispose = pb_choice_button_dispose;
  object_class->get_property = pb_choice_button_get_property;
  object_class->set_property = pb_choice_button_set_property;
  widget_class->size_allocate = pb_choice_button_size_allocate;
  button_class->clicked = pb_choice_button_clicked;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED] =
    g_param_spec_uint ("selected", NULL, NULL, 0, G_MAXUINT, GTK_INVALID_LIST_POSITION,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PbChoiceButton::open-choices:
   *
   * The button was clicked (or activated from the keyboard): its owner
   * opens the popup of choices on it.
   */
  signals[OPEN_CHOICES] =
    g_signal_new ("open-choices", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /* What a screen reader should call it: a drop-down with a value. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_COMBO_BOX);
}

static void
pb_choice_button_init (PbChoiceButton *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *arrow = gtk_image_new_from_icon_name ("pan-down-symbolic");

  self->selected = GTK_INVALID_LIST_POSITION;

  /* The entries are bounded text (pb_ui_dup_display_text()): a long one
   * costs what a short one does. */
  self->label = GTK_LABEL (pb_ui_cell_label_new (6, 24));
  gtk_widget_set_hexpand (GTK_WIDGET (self->label), TRUE);

  gtk_accessible_update_property (GTK_ACCESSIBLE (arrow),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "",
                                  -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->label));
  gtk_box_append (GTK_BOX (box), arrow);
  gtk_button_set_child (GTK_BUTTON (self), box);

  gtk_widget_add_css_class (GTK_WIDGET (self), "choice-button");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_HAS_POPUP, TRUE,
                                  -1);
}

GtkWidget *
pb_choice_button_new (void)
{
  return g_object_new (PB_TYPE_CHOICE_BUTTON, NULL);
}

GListModel *
pb_choice_button_get_model (PbChoiceButton *self)
{
  g_return_val_if_fail (PB_IS_CHOICE_BUTTON (self), NULL);
  return self->model;
}

void
pb_choice_button_set_model (PbChoiceButton *self,
                            GListModel     *model)
{
  g_return_if_fail (PB_IS_CHOICE_BUTTON (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, model);
  if (model != NULL)
    g_signal_connect_object (model, "items-changed", G_CALLBACK (model_items_changed_cb),
                             self, G_CONNECT_SWAPPED);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);

  /* A new list: nothing is chosen in it until the owner says so. */
  pb_choice_button_set_selected (self, GTK_INVALID_LIST_POSITION);
  update_label (self);
}

guint
pb_choice_button_get_selected (PbChoiceButton *self)
{
  g_return_val_if_fail (PB_IS_CHOICE_BUTTON (self), GTK_INVALID_LIST_POSITION);
  return self->selected;
}

void
pb_choice_button_set_selected (PbChoiceButton *self,
                               guint           position)
{
  g_return_if_fail (PB_IS_CHOICE_BUTTON (self));
  g_return_if_fail (position == GTK_INVALID_LIST_POSITION ||
                    (self->model != NULL && position < g_list_model_get_n_items (self->model)));

  if (self->selected == position)
    {
      update_label (self);
      return;
    }

  self->selected = position;
  update_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

void
pb_choice_button_set_placeholder (PbChoiceButton *self,
                                  const char     *text)
{
  g_return_if_fail (PB_IS_CHOICE_BUTTON (self));

  if (g_strcmp0 (self->placeholder, text) == 0)
    return;

  g_free (self->placeholder);
  self->placeholder = g_strdup (text);
  update_label (self);
}

/**
 * pb_choice_button_get_selected_item:
 *
 * Returns: (transfer full) (nullable): the entry shown
 */
GtkStringObject *
pb_choice_button_get_selected_item (PbChoiceButton *self)
{
  g_return_val_if_fail (PB_IS_CHOICE_BUTTON (self), NULL);

  if (self->model == NULL || self->selected == GTK_INVALID_LIST_POSITION)
    return NULL;

  return g_list_model_get_item (self->model, self->selected);
}
