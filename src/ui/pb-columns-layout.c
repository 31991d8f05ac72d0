/* pb-columns-layout.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-columns-layout.h"

#define COLUMN_SPACING 12
#define ROW_SPACING    4
#define DEFAULT_STACK_BELOW 340

struct _PbColumnsLayout
{
  GtkLayoutManager parent_instance;

  int stack_below;
};

G_DEFINE_FINAL_TYPE (PbColumnsLayout, pb_columns_layout, GTK_TYPE_LAYOUT_MANAGER)

enum {
  PROP_0,
  PROP_STACK_BELOW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The first two visible children; either may be NULL. */
static void
get_columns (GtkWidget  *widget,
             GtkWidget **first,
             GtkWidget **second)
{
  *first = *second = NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL && *second == NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_should_layout (child))
        continue;
      if (*first == NULL)
        *first = child;
      else
        *second = child;
    }
}

static void
split_width (int  width,
             int *first_width,
             int *second_width)
{
  *first_width = MAX (0, (width - COLUMN_SPACING) / 2);
  *second_width = MAX (0, width - COLUMN_SPACING - *first_width);
}

static void
measure_child (GtkWidget      *child,
               GtkOrientation  orientation,
               int             for_size,
               int            *minimum,
               int            *natural)
{
  *minimum = *natural = 0;
  if (child != NULL)
    gtk_widget_measure (child, orientation, for_size, minimum, natural, NULL, NULL);
}

static void
pb_columns_layout_measure (GtkLayoutManager *manager,
                           GtkWidget        *widget,
                           GtkOrientation    orientation,
                           int               for_size,
                           int              *minimum,
                           int              *natural,
                           int              *minimum_baseline,
                           int              *natural_baseline)
{
  PbColumnsLayout *self = PB_COLUMNS_LAYOUT (manager);
  GtkWidget *first, *second;
  int min1, nat1, min2, nat2;

  get_columns (widget, &first, &second);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      measure_child (first, orientation, -1, &min1, &nat1);
      measure_child (second, orientation, -1, &min2, &nat2);
      /* Stacked, the widest column is the minimum. */
      *minimum = MAX (min1, min2);
      *natural = MAX (nat1 + COLUMN_SPACING + nat2, self->stack_below);
    }
  else if (for_size < self->stack_below)
    {
      /* Without a width (a scrolled window asking how tall its list would
       * be), the taller, stacked arrangement: never too short. */
      measure_child (first, orientation, for_size, &min1, &nat1);
      measure_child (second, orientation, for_size, &min2, &nat2);
      *minimum = min1 + (second ? ROW_SPACING : 0) + min2;
      *natural = nat1 + (second ? ROW_SPACING : 0) + nat2;
    }
  else
    {
      int width1 = -1, width2 = -1;

      if (for_size >= 0)
        split_width (for_size, &width1, &width2);
      measure_child (first, orientation, width1, &min1, &nat1);
      measure_child (second, orientation, width2, &min2, &nat2);
      *minimum = MAX (min1, min2);
      *natural = MAX (nat1, nat2);
    }
}

static void
pb_columns_layout_allocate (GtkLayoutManager *manager,
                            GtkWidget        *widget,
                            int               width,
                            int               height,
                            int               baseline)
{
  PbColumnsLayout *self = PB_COLUMNS_LAYOUT (manager);
  GtkWidget *first, *second;
  int width1, width2;

  get_columns (widget, &first, &second);
  if (first == NULL)
    return;

  if (second == NULL)
    {
      gtk_widget_size_allocate (first, &(GtkAllocation) { 0, 0, width, height }, -1);
      return;
    }

  if (width < self->stack_below)
    {
      int min1, nat1, min2, nat2, height1;

      measure_child (first, GTK_ORIENTATION_VERTICAL, width, &min1, &nat1);
      measure_child (second, GTK_ORIENTATION_VERTICAL, width, &min2, &nat2);
      height1 = CLAMP (height - ROW_SPACING - min2, min1, nat1);
      gtk_widget_size_allocate (first, &(GtkAllocation) { 0, 0, width, height1 }, -1);
      gtk_widget_size_allocate (second,
                                &(GtkAllocation) { 0, height1 + ROW_SPACING, width,
                                                   MAX (min2, height - height1 - ROW_SPACING) },
                                -1);
      return;
    }

  split_width (width, &width1, &width2);
  if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
    {
      gtk_widget_size_allocate (first, &(GtkAllocation) { width - width1, 0, width1, height }, -1);
      gtk_widget_size_allocate (second, &(GtkAllocation) { 0, 0, width2, height }, -1);
    }
  else
    {
      gtk_widget_size_allocate (first, &(GtkAllocation) { 0, 0, width1, height }, -1);
      gtk_widget_size_allocate (second, &(GtkAllocation) { width - width2, 0, width2, height }, -1);
    }
}

static GtkSizeRequestMode
pb_columns_layout_get_request_mode (GtkLayoutManager *manager,
                                    GtkWidget        *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
pb_columns_layout_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PbColumnsLayout *self = PB_COLUMNS_LAYOUT (object);

  switch (prop_id)
    {
    case PROP_STACK_BELOW:
      g_value_set_int (value, self->stack_below);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_columns_layout_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PbColumnsLayout *self = PB_COLUMNS_LAYOUT (object);

  switch (prop_id)
    {
    case PROP_STACK_BELOW:
      pb_columns_layout_set_stack_below (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_columns_layout_class_init (PbColumnsLayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkLayoutManagerClass *layout_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  object_class->get_property = pb_columns_layout_get_property;
  object_class->set_property = pb_columns_layout_set_property;
  layout_class->measure = pb_columns_layout_measure;
  layout_class->allocate = pb_columns_layout_allocate;
  layout_class->get_request_mode = pb_columns_layout_get_request_mode;

  properties[PROP_STACK_BELOW] =
    g_param_spec_int ("stack-below", NULL, NULL, 0, G_MAXINT, DEFAULT_STACK_BELOW,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pb_columns_layout_init (PbColumnsLayout *self)
{
  self->stack_below = DEFAULT_STACK_BELOW;
}

GtkLayoutManager *
pb_columns_layout_new (void)
{
  return g_object_new (PB_TYPE_COLUMNS_LAYOUT, NULL);
}

int
pb_columns_layout_get_stack_below (PbColumnsLayout *self)
{
  g_return_val_if_fail (PB_IS_COLUMNS_LAYOUT (self), 0);
  return self->stack_below;
}

void
pb_columns_layout_set_stack_below (PbColumnsLayout *self,
                                   int              width)
{
  g_return_if_fail (PB_IS_COLUMNS_LAYOUT (self));

  if (self->stack_below == width)
    return;

  self->stack_below = width;
  gtk_layout_manager_layout_changed (GTK_LAYOUT_MANAGER (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STACK_BELOW]);
}
