/* pb-choices.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-choices.h"
#include "pb-ui-util.h"

struct _PbChoices
{
  GObject parent_instance;

  GtkStringList *labels;  /* as shown: see pb_ui_dup_display_text() */
  char **folded;          /* casefolded labels, made at the first search */
  GPtrArray *ids;         /* char*, NULL for the first entry */
  GHashTable *positions;  /* id → position + 1 (0 would read as absent) */
};

static void pb_choices_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PbChoices, pb_choices, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, pb_choices_list_model_init))

static GType
pb_choices_get_item_type (GListModel *model)
{
  return GTK_TYPE_STRING_OBJECT;
}

static guint
pb_choices_get_n_items (GListModel *model)
{
  PbChoices *self = PB_CHOICES (model);

  return self->ids->len;
}

static gpointer
pb_choices_get_item (GListModel *model,
                     guint       position)
{
  PbChoices *self = PB_CHOICES (model);

  return g_list_model_get_item (G_LIST_MODEL (self->labels), position);
}

static void
pb_choices_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = pb_choices_get_item_type;
  iface->get_n_items = pb_choices_get_n_items;
  iface->get_item = pb_choices_get_item;
}

static void
pb_choices_finalize (GObject *object)
{
  PbChoices *self = (PbChoices *)object;

  g_clear_object (&self->labels);
  g_clear_pointer (&self->folded, g_strfreev);
  g_clear_pointer (&self->ids, g_ptr_array_unref);
  g_clear_pointer (&self->positions, g_hash_table_unref);

  G_OBJECT_CLASS (pb_choices_parent_class)->finalize (object);
}

static void
pb_choices_class_init (PbChoicesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pb_choices_finalize;
}

static void
pb_choices_init (PbChoices *self)
{
  self->ids = g_ptr_array_new_with_free_func (g_free);
  self->positions = g_hash_table_new (g_str_hash, g_str_equal);
}

/* Collects entries first and fills the string list in one go: one
 * GtkStringList of 5,000 is built in a single splice. */
typedef struct
{
  GPtrArray *labels;  /* char* */
  PbChoices *choices;
} Builder;

static void
builder_add (Builder    *builder,
             const char *id,
             char       *text)
{
  PbChoices *self = builder->choices;
  char *label = pb_ui_dup_display_text (text);

  g_free (text);

  if (id != NULL && !g_hash_table_contains (self->positions, id))
    {
      g_ptr_array_add (self->ids, g_strdup (id));
      g_hash_table_insert (self->positions, g_ptr_array_index (self->ids, self->ids->len - 1),
                           GUINT_TO_POINTER (self->ids->len));
    }
  else if (id == NULL)
    {
      g_ptr_array_add (self->ids, NULL);
    }
  else
    {
      /* A duplicate id (the checks report it): one entry is enough. */
      g_free (label);
      return;
    }

  g_ptr_array_add (builder->labels, label);
}

static PbChoices *
builder_finish (Builder *builder)
{
  g_ptr_array_add (builder->labels, NULL);
  builder->choices->labels = gtk_string_list_new ((const char * const *)builder->labels->pdata);
  g_ptr_array_unref (builder->labels);

  return builder->choices;
}

static void
builder_init (Builder *builder)
{
  builder->labels = g_ptr_array_new_with_free_func (g_free);
  builder->choices = g_object_new (PB_TYPE_CHOICES, NULL);
}

PbChoices *
pb_choices_new_states (PbConfiguration *configuration)
{
  GListModel *majors;
  GListModel *states;
  Builder builder;
  guint n;

  g_return_val_if_fail (PB_IS_CONFIGURATION (configuration), NULL);

  builder_init (&builder);
  builder_add (&builder, NULL, g_strdup (_("Default (Ready)")));

  majors = pb_configuration_get_major_states (configuration);
  n = g_list_model_get_n_items (majors);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbAgentState) major = g_list_model_get_item (majors, i);
      const char *major_id = pb_agent_state_get_id (major);
      GListModel *minors = pb_configuration_get_minor_states (configuration, major_id);

      builder_add (&builder, major_id, g_strdup (pb_agent_state_get_name (major)));

      for (guint j = 0; minors != NULL && j < g_list_model_get_n_items (minors); j++)
        {
          g_autoptr(PbAgentState) minor = g_list_model_get_item (minors, j);

          builder_add (&builder, pb_agent_state_get_id (minor),
                       pb_configuration_dup_state_display_name (configuration,
                                                                pb_agent_state_get_id (minor)));
        }
    }

  /* Minors whose major is not in the list still get an entry. */
  states = pb_configuration_get_agent_states (configuration);
  n = g_list_model_get_n_items (states);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbAgentState) state = g_list_model_get_item (states, i);
      const char *id = pb_agent_state_get_id (state);

      if (!g_hash_table_contains (builder.choices->positions, id))
        builder_add (&builder, id, pb_configuration_dup_state_display_name (configuration, id));
    }

  return builder_finish (&builder);
}

PbChoices *
pb_choices_new_presences (PbConfiguration *configuration)
{
  GListModel *statuses;
  Builder builder;
  guint n;

  g_return_val_if_fail (PB_IS_CONFIGURATION (configuration), NULL);

  builder_init (&builder);
  builder_add (&builder, NULL, g_strdup (_("Offline")));

  statuses = pb_configuration_get_presence_statuses (configuration);
  n = g_list_model_get_n_items (statuses);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbPresenceStatus) status = g_list_model_get_item (statuses, i);

      builder_add (&builder, pb_presence_status_get_api_name (status),
                   g_strdup (pb_presence_status_get_label (status)));
    }

  return builder_finish (&builder);
}

const char *
pb_choices_get_id (PbChoices *self,
                   guint      position)
{
  g_return_val_if_fail (PB_IS_CHOICES (self), NULL);
  g_return_val_if_fail (position < self->ids->len, NULL);

  return g_ptr_array_index (self->ids, position);
}

guint
pb_choices_find (PbChoices  *self,
                 const char *id)
{
  gpointer value;

  g_return_val_if_fail (PB_IS_CHOICES (self), GTK_INVALID_LIST_POSITION);

  if (id == NULL)
    return 0;

  value = g_hash_table_lookup (self->positions, id);
  if (value == NULL)
    return GTK_INVALID_LIST_POSITION;

  return GPOINTER_TO_UINT (value) - 1;
}

const char *
pb_choices_get_label (PbChoices  *self,
                      const char *id)
{
  guint position = pb_choices_find (self, id);

  if (position == GTK_INVALID_LIST_POSITION)
    return NULL;

  return gtk_string_list_get_string (self->labels, position);
}

const char *
pb_choices_get_folded (PbChoices *self,
                       guint      position)
{
  g_return_val_if_fail (PB_IS_CHOICES (self), NULL);
  g_return_val_if_fail (position < self->ids->len, NULL);

  if (self->folded == NULL)
    {
      self->folded = g_new0 (char *, self->ids->len + 1);
      for (guint i = 0; i < self->ids->len; i++)
        self->folded[i] = g_utf8_casefold (gtk_string_list_get_string (self->labels, i), -1);
    }

  return self->folded[position];
}
