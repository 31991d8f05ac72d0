/* pb-columns.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-columns.h"
#include "pb-columns-layout.h"

struct _PbColumns
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (PbColumns, pb_columns, GTK_TYPE_WIDGET)

static void
pb_columns_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (pb_columns_parent_class)->dispose (object);
}

static void
pb_columns_class_init (PbColumnsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_columns_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, PB_TYPE_COLUMNS_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "pbcolumns");
}

static void
pb_columns_init (PbColumns *self)
{
}

GtkWidget *
pb_columns_new (void)
{
  return g_object_new (PB_TYPE_COLUMNS, NULL);
}
