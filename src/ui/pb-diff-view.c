/* pb-diff-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "pb-change.h"
#include "pb-diff-view.h"
#include "pb-ui-util.h"

struct _PbDiffView
{
  GtkWidget parent_instance;

  GListModel *changes;

  GtkStack *stack;
  GtkNoSelection *selection;
  GtkListView *list_view;
};

G_DEFINE_FINAL_TYPE (PbDiffView, pb_diff_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CHANGES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The colour classes are libadwaita's; the sign says the same, so nobody
 * depends on seeing the colour, and the description says it in words. */
static const char * const kind_css_classes[] = { "success", "error", "warning" };

static const char *
kind_sign (PbChangeKind kind)
{
  switch (kind)
    {
    case PB_CHANGE_ADDED:
      return "+";
    case PB_CHANGE_REMOVED:
      return "−";
    case PB_CHANGE_MODIFIED:
    default:
      return "~";
    }
}

static char *
dup_accessible_label (PbChange *change)
{
  const char *description = pb_change_get_description (change);

  switch (pb_change_get_kind (change))
    {
    case PB_CHANGE_ADDED:
      /* Translators: how a screen reader announces a difference; %s is its description */
      return g_strdup_printf (_("Added: %s"), description);
    case PB_CHANGE_REMOVED:
      /* Translators: how a screen reader announces a difference; %s is its description */
      return g_strdup_printf (_("Removed: %s"), description);
    case PB_CHANGE_MODIFIED:
    default:
      /* Translators: how a screen reader announces a difference; %s is its description */
      return g_strdup_printf (_("Changed: %s"), description);
    }
}

/* Before and after, for a change of a value only: an addition or a
 * removal says it all in its description. */
static char *
dup_values_text (PbChange *change)
{
  const char *before = pb_change_get_before (change);
  const char *after = pb_change_get_after (change);

  if (pb_change_get_kind (change) != PB_CHANGE_MODIFIED || (before == NULL && after == NULL))
    return NULL;

  /* Translators: a value before and after a change; a dash stands for a
   * side where it is absent */
  return g_strdup_printf (_("%s → %s"),
                          before != NULL ? before : C_("absent value", "—"),
                          after != NULL ? after : C_("absent value", "—"));
}

/* One grid, no boxes: GTK 4.8 measures a wrapping label in nested boxes
 * many times a frame; in a grid once per width. The file path of the
 * change is for a bug report: in the tooltip, not the text. */
static void
diff_row_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   PbDiffView               *self)
{
  GtkWidget *row;
  GtkWidget *marker;
  GtkWidget *description;
  GtkWidget *values;

  row = g_object_new (GTK_TYPE_GRID,
                      "column-spacing", 12,
                      "row-spacing", 3,
                      "margin-start", 12,
                      "margin-end", 12,
                      "margin-top", 9,
                      "margin-bottom", 9,
                      "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP,
                      NULL);

  marker = g_object_new (GTK_TYPE_LABEL,
                         "valign", GTK_ALIGN_START,
                         "width-chars", 1,
                         "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                         NULL);
  gtk_widget_add_css_class (marker, "heading");
  gtk_grid_attach (GTK_GRID (row), marker, 0, 0, 1, 1);

  description = pb_ui_wrapping_label_new (-1, -1);
  gtk_grid_attach (GTK_GRID (row), description, 1, 0, 1, 1);

  values = pb_ui_wrapping_label_new (-1, -1);
  gtk_widget_add_css_class (values, "dim-label");
  gtk_grid_attach (GTK_GRID (row), values, 1, 1, 1, 1);

  g_object_set_data (G_OBJECT (row), "marker", marker);
  g_object_set_data (G_OBJECT (row), "description", description);
  g_object_set_data (G_OBJECT (row), "values", values);

  gtk_list_item_set_child (list_item, row);
}

static void
diff_row_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  PbDiffView               *self)
{
  PbChange *change = gtk_list_item_get_item (list_item);
  GtkWidget *row = gtk_list_item_get_child (list_item);
  GtkWidget *marker = g_object_get_data (G_OBJECT (row), "marker");
  GtkWidget *values = g_object_get_data (G_OBJECT (row), "values");
  GtkWidget *description = g_object_get_data (G_OBJECT (row), "description");
  PbChangeKind kind = pb_change_get_kind (change);
  g_autofree char *description_text = pb_ui_dup_display_text (pb_change_get_description (change));
  g_autofree char *values_text = dup_values_text (change);
  g_autofree char *shown_values = pb_ui_dup_display_text (values_text);
  g_autofree char *accessible_label = dup_accessible_label (change);

  gtk_label_set_label (GTK_LABEL (marker), kind_sign (kind));
  for (guint i = 0; i < G_N_ELEMENTS (kind_css_classes); i++)
    gtk_widget_remove_css_class (marker, kind_css_classes[i]);
  if (kind < G_N_ELEMENTS (kind_css_classes))
    gtk_widget_add_css_class (marker, kind_css_classes[kind]);

  gtk_label_set_label (GTK_LABEL (description), description_text);
  gtk_label_set_label (GTK_LABEL (values), shown_values);
  gtk_widget_set_visible (values, values_text != NULL);
  g_object_set_data_full (G_OBJECT (row), "path", g_strdup (pb_change_get_path (change)), g_free);
  pb_ui_set_tooltip (row, pb_change_get_path (change));

  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, values_text ? values_text : "",
                                  -1);
}

static void
pb_diff_view_update_page (PbDiffView *self)
{
  /* NULL is "nothing compared yet" (say, while loading), which is not the
   * same as "compared, and equal". */
  if (self->changes == NULL)
    gtk_stack_set_visible_child_name (self->stack, "none");
  else if (g_list_model_get_n_items (self->changes) == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
changes_items_changed_cb (PbDiffView *self,
                          guint       position,
                          guint       removed,
                          guint       added,
                          GListModel *changes)
{
  pb_diff_view_update_page (self);
}

static void
pb_diff_view_dispose (GObject *object)
{
  PbDiffView *self = (PbDiffView *)object;

  if (self->changes != NULL)
    g_signal_handlers_disconnect_by_func (self->changes, changes_items_changed_cb, self);
  g_clear_object (&self->changes);

  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_DIFF_VIEW);

  G_OBJECT_CLASS (pb_diff_view_parent_class)->dispose (object);
}

static void
pb_diff_view_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PbDiffView *self = PB_DIFF_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHANGES:
      g_value_set_object (value, self->changes);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_diff_view_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  PbDiffView *self = PB_DIFF_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHANGES:
      pb_diff_view_set_changes (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_diff_view_class_init (PbDiffViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_diff_view_dispose;
  object_class->get_property = pb_diff_view_get_property;
  object_class->set_property = pb_diff_view_set_property;

  properties[PROP_CHANGES] =
    g_param_spec_object ("changes", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/presencebridge/PresenceBridge/pb-diff-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PbDiffView, stack);
  gtk_widget_class_bind_template_child (widget_class, PbDiffView, selection);
  gtk_widget_class_bind_template_child (widget_class, PbDiffView, list_view);
  gtk_widget_class_bind_template_callback (widget_class, diff_row_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, diff_row_bind_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "pbdiffview");
}

static void
pb_diff_view_init (PbDiffView *self)
{
  g_type_ensure (ADW_TYPE_STATUS_PAGE);

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Tab leaves the differences in one step, as it leaves every list;
   * the arrows go through them. */
  pb_ui_list_view_leave_on_tab (GTK_WIDGET (self->list_view));
  pb_diff_view_update_page (self);
}

GtkWidget *
pb_diff_view_new (void)
{
  return g_object_new (PB_TYPE_DIFF_VIEW, NULL);
}

GListModel *
pb_diff_view_get_changes (PbDiffView *self)
{
  g_return_val_if_fail (PB_IS_DIFF_VIEW (self), NULL);

  return self->changes;
}

void
pb_diff_view_set_changes (PbDiffView *self,
                          GListModel *changes)
{
  g_return_if_fail (PB_IS_DIFF_VIEW (self));
  g_return_if_fail (changes == NULL || G_IS_LIST_MODEL (changes));

  if (self->changes == changes)
    return;

  if (self->changes != NULL)
    g_signal_handlers_disconnect_by_func (self->changes, changes_items_changed_cb, self);
  g_set_object (&self->changes, changes);
  if (self->changes != NULL)
    g_signal_connect_object (self->changes, "items-changed",
                             G_CALLBACK (changes_items_changed_cb), self,
                             G_CONNECT_SWAPPED);

  gtk_no_selection_set_model (self->selection, changes);
  pb_diff_view_update_page (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANGES]);
}

guint
pb_diff_view_get_n_rows (PbDiffView *self)
{
  g_return_val_if_fail (PB_IS_DIFF_VIEW (self), 0);

  if (self->changes == NULL)
    return 0;

  return g_list_model_get_n_items (self->changes);
}
