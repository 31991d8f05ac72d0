/* pb-conflict.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-conflict.h"

#include <glib/gi18n.h>

#include "pb-util.h"

/*
 * Rows compare entries as the platform stores them (an entry "ready" and
 * no entry are two values, as pb_configuration_published_equal() says), so
 * the conflict has rows exactly when the store calls the two different.
 * Each side is looked at on @local's lists (pb_configuration_set_published()
 * on a copy): the values then read as the window's grids show them, and a
 * minor without an entry names what it inherits on that side.
 */

struct _PbConflict
{
  GObject parent_instance;

  PbConfiguration *local;
  PbConfiguration *remote; /* @local's lists, the remote mapping */
  GPtrArray *rows;         /* PbConflictRow */
  guint n_both;
};

static void pb_conflict_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PbConflict, pb_conflict, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, pb_conflict_list_model_init))

static GType
pb_conflict_get_item_type (GListModel *model)
{
  return PB_TYPE_CONFLICT_ROW;
}

static guint
pb_conflict_get_n_items (GListModel *model)
{
  return PB_CONFLICT (model)->rows->len;
}

static gpointer
pb_conflict_get_item (GListModel *model,
                      guint       position)
{
  PbConflict *self = PB_CONFLICT (model);

  if (position >= self->rows->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->rows, position));
}

static void
pb_conflict_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = pb_conflict_get_item_type;
  iface->get_n_items = pb_conflict_get_n_items;
  iface->get_item = pb_conflict_get_item;
}

static void
pb_conflict_finalize (GObject *object)
{
  PbConflict *self = (PbConflict *)object;

  g_clear_object (&self->local);
  g_clear_object (&self->remote);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (pb_conflict_parent_class)->finalize (object);
}

static void
pb_conflict_class_init (PbConflictClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pb_conflict_finalize;
}

static void
pb_conflict_init (PbConflict *self)
{
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
}

/* @side's mapping on @local's lists. */
static PbConfiguration *
on_local_lists (PbConfiguration *local,
                PbConfiguration *side)
{
  PbConfiguration *view = pb_configuration_copy (local);

  pb_configuration_set_published (view, side);
  return view;
}

/* The three sides, each on @local's lists. */
typedef struct
{
  PbConfiguration *local;
  PbConfiguration *base;   /* NULL: not known */
  PbConfiguration *remote;
} Sides;

/* One kind of row: how its entries are compared, named and shown. */
typedef struct
{
  PbConflictRowKind kind;
  const char *path_prefix;
  const char *excluded;    /* never a row */
  const char *(*item_key)  (gpointer item);
  GPtrArray  *(*entries)   (PbConfiguration *self);
  gboolean    (*same)      (PbConfiguration *a,
                            PbConfiguration *b,
                            const char      *key);
  char       *(*dup_label) (PbConfiguration *self,
                            const char      *key);
  char       *(*dup_value) (PbConfiguration *self,
                            const char      *key);
} RowKind;

static void
add_row (PbConflict    *self,
         const Sides   *sides,
         const RowKind *row_kind,
         const char    *key)
{
  g_autofree char *path = NULL;
  g_autofree char *label = NULL;
  g_autofree char *base_value = NULL;
  g_autofree char *local_value = NULL;
  g_autofree char *remote_value = NULL;
  PbConflictChanges changes = PB_CONFLICT_CHANGED_BOTH;

  if (row_kind->same (sides->local, sides->remote, key))
    return;

  if (sides->base != NULL)
    {
      changes = 0;
      if (!row_kind->same (sides->base, sides->local, key))
        changes |= PB_CONFLICT_CHANGED_LOCAL;
      if (!row_kind->same (sides->base, sides->remote, key))
        changes |= PB_CONFLICT_CHANGED_REMOTE;
      base_value = row_kind->dup_value (sides->base, key);
    }
  local_value = row_kind->dup_value (sides->local, key);
  remote_value = row_kind->dup_value (sides->remote, key);
  path = key != NULL ? g_strconcat (row_kind->path_prefix, key, NULL) : g_strdup (row_kind->path_prefix);
  label = row_kind->dup_label (sides->local, key);

  if (changes == PB_CONFLICT_CHANGED_BOTH)
    self->n_both++;

  g_ptr_array_add (self->rows, pb_conflict_row_new (row_kind->kind, key, path, label, base_value, local_value,
                                                    remote_value, changes));
}

static const char *
status_key (gpointer item)
{
  return pb_presence_status_get_api_name (item);
}

static gboolean
same_presence_entry (PbConfiguration *a,
                     PbConfiguration *b,
                     const char      *api_name)
{
  return g_strcmp0 (pb_configuration_get_presence_mapping (a, api_name),
                    pb_configuration_get_presence_mapping (b, api_name)) == 0;
}

static char *
dup_presence_label (PbConfiguration *self,
                    const char      *api_name)
{
  return g_strdup (pb_configuration_get_presence_label (self, api_name));
}

static const char *
state_key (gpointer item)
{
  return pb_agent_state_get_id (item);
}

static gboolean
same_state_entry (PbConfiguration *a,
                  PbConfiguration *b,
                  const char      *state_id)
{
  const char *presence_a = NULL;
  const char *presence_b = NULL;
  gboolean has_a = pb_configuration_get_state_mapping (a, state_id, &presence_a);
  gboolean has_b = pb_configuration_get_state_mapping (b, state_id, &presence_b);

  return has_a == has_b && g_strcmp0 (presence_a, presence_b) == 0;
}

static gboolean
same_revert (PbConfiguration *a,
             PbConfiguration *b,
             const char      *unused)
{
  return pb_configuration_get_revert_to_last_status (a) == pb_configuration_get_revert_to_last_status (b);
}

static char *
dup_revert_label (PbConfiguration *self,
                  const char      *unused)
{
  return g_strdup (_("Revert to last status"));
}

static char *
dup_revert_value (PbConfiguration *self,
                  const char      *unused)
{
  return g_strdup (pb_configuration_get_revert_to_last_status (self) ? C_("switch", "On")
                                                                    : C_("switch", "Off"));
}

static const RowKind presence_rows = {
  PB_CONFLICT_ROW_PRESENCE, "presenceToState.", NULL, status_key,
  pb_configuration_list_presence_mappings, same_presence_entry,
  dup_presence_label, pb_configuration_dup_presence_value,
};

/* Logged out is offline whatever its entry says: never a row. */
static const RowKind state_rows = {
  PB_CONFLICT_ROW_STATE, "stateToPresence.", PB_STATE_ID_LOGGED_OUT, state_key,
  pb_configuration_list_state_mappings, same_state_entry,
  pb_configuration_dup_state_display_name, pb_configuration_dup_state_value,
};

static const RowKind revert_row = {
  PB_CONFLICT_ROW_REVERT, "revertToLastStatus", NULL, NULL, NULL, same_revert,
  dup_revert_label, dup_revert_value,
};

/* A row for each key of @list (in its order, each once), then for each
 * key of the two sides' entries that @list does not have (sorted). */
static void
add_rows (PbConflict    *self,
          const Sides   *sides,
          const RowKind *row_kind,
          GListModel    *list)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) local_entries = row_kind->entries (sides->local);
  g_autoptr(GPtrArray) remote_entries = row_kind->entries (sides->remote);
  g_autoptr(GPtrArray) unknown = g_ptr_array_new ();
  GPtrArray *entries[] = { local_entries, remote_entries };
  guint n = g_list_model_get_n_items (list);

  if (row_kind->excluded != NULL)
    g_hash_table_add (seen, (gpointer)row_kind->excluded);

  /* The list holds its items, so their keys outlive the references here. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, i);
      const char *key = row_kind->item_key (item);

      if (g_hash_table_add (seen, (gpointer)key))
        add_row (self, sides, row_kind, key);
    }

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    for (guint j = 0; j < entries[i]->len; j++)
      if (g_hash_table_add (seen, g_ptr_array_index (entries[i], j)))
        g_ptr_array_add (unknown, g_ptr_array_index (entries[i], j));

  g_ptr_array_sort (unknown, pb_compare_strings);
  for (guint i = 0; i < unknown->len; i++)
    add_row (self, sides, row_kind, g_ptr_array_index (unknown, i));
}

/**
 * pb_conflict_new:
 * @local: the draft
 * @base: (nullable): the remote configuration the draft is based on
 * @remote: the remote configuration received since
 *
 * Returns: (transfer full): the rows where @local and @remote differ.
 */
PbConflict *
pb_conflict_new (PbConfiguration *local,
                 PbConfiguration *base,
                 PbConfiguration *remote)
{
  g_autoptr(PbConfiguration) base_view = NULL;
  PbConflict *self;
  Sides sides;

  g_return_val_if_fail (PB_IS_CONFIGURATION (local), NULL);
  g_return_val_if_fail (base == NULL || PB_IS_CONFIGURATION (base), NULL);
  g_return_val_if_fail (PB_IS_CONFIGURATION (remote), NULL);

  self = g_object_new (PB_TYPE_CONFLICT, NULL);
  self->local = pb_configuration_copy (local);
  self->remote = on_local_lists (local, remote);
  if (base != NULL)
    base_view = on_local_lists (local, base);

  sides = (Sides) { self->local, base_view, self->remote };
  add_rows (self, &sides, &presence_rows, pb_configuration_get_presence_statuses (self->local));
  add_rows (self, &sides, &state_rows, pb_configuration_get_agent_states (self->local));
  add_row (self, &sides, &revert_row, NULL);

  return self;
}

guint
pb_conflict_get_n_both (PbConflict *self)
{
  g_return_val_if_fail (PB_IS_CONFLICT (self), 0);
  return self->n_both;
}

void
pb_conflict_choose_all (PbConflict     *self,
                        PbConflictSide  side)
{
  g_return_if_fail (PB_IS_CONFLICT (self));

  for (guint i = 0; i < self->rows->len; i++)
    pb_conflict_row_set_choice (g_ptr_array_index (self->rows, i), side);
}

/**
 * pb_conflict_build_merged:
 *
 * Returns: (transfer full): the draft as the choices make it.
 */
PbConfiguration *
pb_conflict_build_merged (PbConflict *self)
{
  PbConfiguration *merged;

  g_return_val_if_fail (PB_IS_CONFLICT (self), NULL);

  merged = pb_configuration_copy (self->local);

  for (guint i = 0; i < self->rows->len; i++)
    {
      PbConflictRow *row = g_ptr_array_index (self->rows, i);
      const char *key = pb_conflict_row_get_key (row);
      const char *presence = NULL;

      if (pb_conflict_row_get_choice (row) != PB_CONFLICT_SIDE_REMOTE)
        continue;

      switch (pb_conflict_row_get_kind (row))
        {
        case PB_CONFLICT_ROW_PRESENCE:
          pb_configuration_set_presence_mapping (merged, key,
                                                 pb_configuration_get_presence_mapping (self->remote, key));
          break;
        case PB_CONFLICT_ROW_STATE:
          if (pb_configuration_get_state_mapping (self->remote, key, &presence))
            pb_configuration_set_state_mapping (merged, key, presence);
          else
            pb_configuration_unset_state_mapping (merged, key);
          break;
        case PB_CONFLICT_ROW_REVERT:
          pb_configuration_set_revert_to_last_status (merged,
                                                      pb_configuration_get_revert_to_last_status (self->remote));
          break;
        default:
          g_assert_not_reached ();
        }
    }

  return merged;
}
