/* pb-configuration.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-configuration.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pb-util.h"

struct _PbConfiguration
{
  GObject parent_instance;

  char *account_id;
  char *account_name;
  char *org_id;
  char *org_name;
  gboolean org_sandbox;

  GListStore *agent_states;
  GListStore *presence_statuses;
  GListStore *major_states;
  GHashTable *minor_states;     /* major id → GListStore of minors */
  GHashTable *state_index;      /* id → PbAgentState (first of that id) */
  GHashTable *presence_index;   /* api name → PbPresenceStatus */

  GHashTable *presence_to_state; /* api name → state id */
  GHashTable *state_to_presence; /* state id → api name, NULL = offline */

  gboolean revert_to_last_status;
  char *agent_post_call_state;

  JsonObject *extra;

  /* pb_configuration_assign() makes many changes and reports them once. */
  guint frozen;
  gboolean changed_while_frozen;
};

G_DEFINE_FINAL_TYPE (PbConfiguration, pb_configuration, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REVERT_TO_LAST_STATUS,
  PROP_AGENT_POST_CALL_STATE,
  N_PROPS
};

enum {
  CHANGED,
  LISTS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
pb_configuration_emit_changed (PbConfiguration *self)
{
  if (self->frozen > 0)
    self->changed_while_frozen = TRUE;
  else
    g_signal_emit (self, signals[CHANGED], 0);
}

/* Ends a run of changes begun with self->frozen++: reports them once. */
static void
pb_configuration_thaw (PbConfiguration *self)
{
  if (--self->frozen == 0 && self->changed_while_frozen)
    {
      self->changed_while_frozen = FALSE;
      pb_configuration_emit_changed (self);
    }
}

static void
pb_configuration_finalize (GObject *object)
{
  PbConfiguration *self = (PbConfiguration *)object;

  g_clear_pointer (&self->account_id, g_free);
  g_clear_pointer (&self->account_name, g_free);
  g_clear_pointer (&self->org_id, g_free);
  g_clear_pointer (&self->org_name, g_free);
  g_clear_object (&self->agent_states);
  g_clear_object (&self->presence_statuses);
  g_clear_object (&self->major_states);
  g_clear_pointer (&self->minor_states, g_hash_table_unref);
  g_clear_pointer (&self->state_index, g_hash_table_unref);
  g_clear_pointer (&self->presence_index, g_hash_table_unref);
  g_clear_pointer (&self->presence_to_state, g_hash_table_unref);
  g_clear_pointer (&self->state_to_presence, g_hash_table_unref);
  g_clear_pointer (&self->agent_post_call_state, g_free);
  g_clear_pointer (&self->extra, json_object_unref);

  G_OBJECT_CLASS (pb_configuration_parent_class)->finalize (object);
}

static void
pb_configuration_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PbConfiguration *self = PB_CONFIGURATION (object);

  switch (prop_id)
    {
    case PROP_REVERT_TO_LAST_STATUS:
      g_value_set_boolean (value, self->revert_to_last_status);
      break;
    case PROP_AGENT_POST_CALL_STATE:
      g_value_set_string (value, self->agent_post_call_state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_configuration_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PbConfiguration *self = PB_CONFIGURATION (object);

  switch (prop_id)
    {
    case PROP_REVERT_TO_LAST_STATUS:
      pb_configuration_set_revert_to_last_status (self, g_value_get_boolean (value));
      break;
    case PROP_AGENT_POST_CALL_STATE:
      pb_configuration_set_agent_post_call_state (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_configuration_class_init (PbConfigurationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pb_configuration_finalize;
  object_class->get_property = pb_configuration_get_property;
  object_class->set_property = pb_configuration_set_property;

  properties[PROP_REVERT_TO_LAST_STATUS] =
    g_param_spec_boolean ("revert-to-last-status", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AGENT_POST_CALL_STATE] =
    g_param_spec_string ("agent-post-call-state", NULL, NULL, PB_STATE_ID_READY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PbConfiguration::changed:
   *
   * Emitted after anything in the configuration changed: a mapping, a
   * switch or a list. Views re-read what they show; checks run again.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * PbConfiguration::lists-changed:
   *
   * Emitted when the agent states or presence statuses were replaced, before
   * #PbConfiguration::changed.
   */
  signals[LISTS_CHANGED] =
    g_signal_new ("lists-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pb_configuration_init (PbConfiguration *self)
{
  self->agent_states = g_list_store_new (PB_TYPE_AGENT_STATE);
  self->presence_statuses = g_list_store_new (PB_TYPE_PRESENCE_STATUS);
  self->major_states = g_list_store_new (PB_TYPE_AGENT_STATE);
  self->minor_states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->state_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->presence_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->presence_to_state = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->state_to_presence = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->agent_post_call_state = g_strdup (PB_STATE_ID_READY);
  self->extra = json_object_new ();
}

PbConfiguration *
pb_configuration_new (void)
{
  return g_object_new (PB_TYPE_CONFIGURATION, NULL);
}

static void
copy_table (GHashTable *from,
            GHashTable *to)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_remove_all (to);
  g_hash_table_iter_init (&iter, from);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (to, g_strdup (key), g_strdup (value));
}

/* The unknown keys are JSON, which can change in place: never shared. */
static void
set_extra_copy (PbConfiguration *self,
                JsonObject      *extra)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), extra);
  g_autoptr(JsonNode) copy = json_node_copy (node);

  pb_configuration_set_extra (self, json_node_get_object (copy));
}

/* Items are immutable, so a copy shares them and owns only the containers. */
PbConfiguration *
pb_configuration_copy (PbConfiguration *self)
{
  PbConfiguration *copy;
  g_autoptr(GPtrArray) states = NULL;
  g_autoptr(GPtrArray) statuses = NULL;

  g_return_val_if_fail (PB_IS_CONFIGURATION (self), NULL);

  copy = pb_configuration_new ();
  pb_configuration_set_account (copy, self->account_id, self->account_name);
  pb_configuration_set_org (copy, self->org_id, self->org_name, self->org_sandbox);

  states = pb_list_model_to_array (G_LIST_MODEL (self->agent_states));
  statuses = pb_list_model_to_array (G_LIST_MODEL (self->presence_statuses));
  pb_configuration_set_agent_states (copy, states);
  pb_configuration_set_presence_statuses (copy, statuses);

  copy_table (self->presence_to_state, copy->presence_to_state);
  copy_table (self->state_to_presence, copy->state_to_presence);
  copy->revert_to_last_status = self->revert_to_last_status;
  g_free (copy->agent_post_call_state);
  copy->agent_post_call_state = g_strdup (self->agent_post_call_state);

  set_extra_copy (copy, self->extra);

  return copy;
}

static gboolean
tables_equal (GHashTable *a,
              GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;

  if (g_hash_table_size (a) != g_hash_table_size (b))
    return FALSE;

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gpointer other_value;

      if (!g_hash_table_lookup_extended (b, key, NULL, &other_value) ||
          g_strcmp0 (value, other_value) != 0)
        return FALSE;
    }

  return TRUE;
}

/* The mapping alone: what the administrator edits. */
gboolean
pb_configuration_mapping_equal (PbConfiguration *a,
                                PbConfiguration *b)
{
  g_return_val_if_fail (PB_IS_CONFIGURATION (a), FALSE);
  g_return_val_if_fail (PB_IS_CONFIGURATION (b), FALSE);

  return tables_equal (a->presence_to_state, b->presence_to_state) &&
         tables_equal (a->state_to_presence, b->state_to_presence) &&
         a->revert_to_last_status == b->revert_to_last_status &&
         g_strcmp0 (a->agent_post_call_state, b->agent_post_call_state) == 0;
}

static gboolean
states_equal (GListModel *a,
              GListModel *b)
{
  guint n = g_list_model_get_n_items (a);

  if (n != g_list_model_get_n_items (b))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbAgentState) sa = g_list_model_get_item (a, i);
      g_autoptr(PbAgentState) sb = g_list_model_get_item (b, i);

      if (g_strcmp0 (pb_agent_state_get_id (sa), pb_agent_state_get_id (sb)) != 0 ||
          g_strcmp0 (pb_agent_state_get_name (sa), pb_agent_state_get_name (sb)) != 0 ||
          g_strcmp0 (pb_agent_state_get_major_id (sa), pb_agent_state_get_major_id (sb)) != 0)
        return FALSE;
    }

  return TRUE;
}

static gboolean
statuses_equal (GListModel *a,
                GListModel *b)
{
  guint n = g_list_model_get_n_items (a);

  if (n != g_list_model_get_n_items (b))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbPresenceStatus) pa = g_list_model_get_item (a, i);
      g_autoptr(PbPresenceStatus) pb = g_list_model_get_item (b, i);

      if (!pb_presence_status_equal (pa, pb))
        return FALSE;
    }

  return TRUE;
}

static gboolean
extra_equal (JsonObject *a,
             JsonObject *b)
{
  g_autoptr(JsonNode) node_a = json_node_init_object (json_node_alloc (), a);
  g_autoptr(JsonNode) node_b = json_node_init_object (json_node_alloc (), b);

  return json_node_equal (node_a, node_b);
}

/* Everything a configuration file carries except its export time. */
gboolean
pb_configuration_equal (PbConfiguration *a,
                        PbConfiguration *b)
{
  g_return_val_if_fail (PB_IS_CONFIGURATION (a), FALSE);
  g_return_val_if_fail (PB_IS_CONFIGURATION (b), FALSE);

  return g_strcmp0 (a->account_id, b->account_id) == 0 &&
         g_strcmp0 (a->account_name, b->account_name) == 0 &&
         g_strcmp0 (a->org_id, b->org_id) == 0 &&
         g_strcmp0 (a->org_name, b->org_name) == 0 &&
         a->org_sandbox == b->org_sandbox &&
         pb_configuration_lists_equal (a, b) &&
         pb_configuration_mapping_equal (a, b) &&
         extra_equal (a->extra, b->extra);
}

/* @key is ignored (Logged out, always offline), where not NULL. */
static gboolean
tables_equal_but (GHashTable *a,
                  GHashTable *b,
                  const char *key)
{
  GHashTableIter iter;
  gpointer k, value;
  guint size_a = g_hash_table_size (a) - (g_hash_table_contains (a, key) ? 1 : 0);
  guint size_b = g_hash_table_size (b) - (g_hash_table_contains (b, key) ? 1 : 0);

  if (size_a != size_b)
    return FALSE;

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &k, &value))
    {
      gpointer other_value;

      if (g_str_equal (k, key))
        continue;
      if (!g_hash_table_lookup_extended (b, k, NULL, &other_value) || g_strcmp0 (value, other_value) != 0)
        return FALSE;
    }

  return TRUE;
}

/* What the platform stores of a configuration (platform-api.md: the two
 * mappings and revertToLastStatus): Agent Post Call State is the
 * account's, and Logged out is offline whatever an entry says. */
gboolean
pb_configuration_published_equal (PbConfiguration *a,
                                  PbConfiguration *b)
{
  g_return_val_if_fail (PB_IS_CONFIGURATION (a), FALSE);
  g_return_val_if_fail (PB_IS_CONFIGURATION (b), FALSE);

  return tables_equal (a->presence_to_state, b->presence_to_state) &&
         tables_equal_but (a->state_to_presence, b->state_to_presence, PB_STATE_ID_LOGGED_OUT) &&
         a->revert_to_last_status == b->revert_to_last_status;
}

/**
 * pb_configuration_set_published:
 * @from: the configuration whose mapping @self takes
 *
 * Another version of the mapping on @self's lists (a remote configuration
 * has none of its own): the two mappings and Revert to last status become
 * @from's, entries for ids the lists do not know included;
 * #PbConfiguration::changed is emitted once, when anything changed.
 */
void
pb_configuration_set_published (PbConfiguration *self,
                                PbConfiguration *from)
{
  g_return_if_fail (PB_IS_CONFIGURATION (self));
  g_return_if_fail (PB_IS_CONFIGURATION (from));

  if (self == from)
    return;

  self->frozen++;

  if (!tables_equal (self->presence_to_state, from->presence_to_state))
    {
      copy_table (from->presence_to_state, self->presence_to_state);
      self->changed_while_frozen = TRUE;
    }
  if (!tables_equal (self->state_to_presence, from->state_to_presence))
    {
      copy_table (from->state_to_presence, self->state_to_presence);
      self->changed_while_frozen = TRUE;
    }
  pb_configuration_set_revert_to_last_status (self, from->revert_to_last_status);

  pb_configuration_thaw (self);
}

/**
 * pb_configuration_assign:
 * @source: what @self becomes
 *
 * Makes @self equal to @source in place, so that views bound to its list
 * models stay bound: lists are replaced only when they differ (one
 * #PbConfiguration::lists-changed each), and #PbConfiguration::changed is
 * emitted once, when anything changed.
 */
void
pb_configuration_assign (PbConfiguration *self,
                         PbConfiguration *source)
{
  g_autoptr(GPtrArray) states = NULL;
  g_autoptr(GPtrArray) statuses = NULL;

  g_return_if_fail (PB_IS_CONFIGURATION (self));
  g_return_if_fail (PB_IS_CONFIGURATION (source));

  if (self == source)
    return;

  self->frozen++;

  pb_configuration_set_account (self, source->account_id, source->account_name);
  pb_configuration_set_org (self, source->org_id, source->org_name, source->org_sandbox);

  if (!states_equal (G_LIST_MODEL (self->agent_states), G_LIST_MODEL (source->agent_states)))
    {
      states = pb_list_model_to_array (G_LIST_MODEL (source->agent_states));
      pb_configuration_set_agent_states (self, states);
    }
  if (!statuses_equal (G_LIST_MODEL (self->presence_statuses), G_LIST_MODEL (source->presence_statuses)))
    {
      statuses = pb_list_model_to_array (G_LIST_MODEL (source->presence_statuses));
      pb_configuration_set_presence_statuses (self, statuses);
    }

  if (!pb_configuration_mapping_equal (self, source))
    {
      copy_table (source->presence_to_state, self->presence_to_state);
      copy_table (source->state_to_presence, self->state_to_presence);
      pb_configuration_set_revert_to_last_status (self, source->revert_to_last_status);
      pb_configuration_set_agent_post_call_state (self, source->agent_post_call_state);
      self->changed_while_frozen = TRUE;
    }

  if (!extra_equal (self->extra, source->extra))
    set_extra_copy (self, source->extra);

  pb_configuration_thaw (self);
}

/* Nothing imported or fetched yet: no list and no mapping entry. */
gboolean
pb_configuration_is_empty (PbConfiguration *self)
{
  g_return_val_if_fail (PB_IS_CONFIGURATION (self), FALSE);

  return g_list_model_get_n_items (G_LIST_MODEL (self->agent_states)) == 0 &&
         g_list_model_get_n_items (G_LIST_MODEL (self->presence_statuses)) == 0 &&
         g_hash_table_size (self->presence_to_state) == 0 &&
         g_hash_table_size (self->state_to_presence) == 0;
}

/* The two snapshots alone: what the mapping was made against. */
gboolean
pb_configuration_lists_equal (PbConfiguration *a,
                              PbConfiguration *b)
{
  g_return_val_if_fail (PB_IS_CONFIGURATION (a), FALSE);
  g_return_val_if_fail (PB_IS_CONFIGURATION (b), FALSE);

  if (a == b)
    return TRUE;

  return states_equal (G_LIST_MODEL (a->agent_states), G_LIST_MODEL (b->agent_states)) &&
         statuses_equal (G_LIST_MODEL (a->presence_statuses), G_LIST_MODEL (b->presence_statuses));
}

const char *
pb_configuration_get_account_id (PbConfiguration *self)
{
  g_return_val_if_fail (PB_IS_CONFIGURATION (self), NULL);
  return self->account_id;
}

const char *
pb_configuration_get_account_name (PbConfiguration *self)
{
  g_return_val_if_fail (PB_IS_CONFIGURATION (self), NULL);
  return self->account_name;
}

void
pb_configuration_set_account (PbConfiguration *self,
                              const char      *id,
                              const char      *name)
{
  g_return_if_fail (PB_IS_CONFIGURATION (self));

  /* Both setters run: | rather than ||. */
  if (pb_set_str (&self->account_id, id) | pb_set_str (&self->account_name, name))
    pb_configuration_emit_changed (self);
}

const char *
pb_configuration_get_org_id (PbConfiguration *self)
{
  g_return_val_if_fail (PB_IS_CONFIGURATION (self), NULL);
  return self->org_id;
}

const char *
pb_configuration_get_org_name (PbConfiguration *self)
{
  g_return_val_if_fail (PB_IS_CONFIGURATION (self), NULL);
  return self->org_name;
}

gboolean
pb_configuration_get_org_sandbox (PbConfiguration *self)
{
  g_return_val_if_fail (PB_IS_CONFIGURATION (self), FALSE);
  return self->org_sandbox;
}

void
pb_configuration_set_org (PbConfiguration *self,
                          const char      *id,
                          const char      *name,
                          gboolean         sandbox)
{
  g_return_if_fail (PB_IS_CONFIGURATION (self));

  sandbox = !!sandbox;
  if (pb_set_str (&self->org_id, id) | pb_set_str (&self->org_name, name) |
      (self->org_sandbox != sandbox))
    {
      self->org_sandbox = sandbox;
      pb_configuration_emit_changed (self);
    }
}

GListModel *
pb_configuration_get_agent_states (PbConfiguration *self)
{
  g_return_val_if_fail (PB_IS_CONFIGURATION (self), NULL);
  return G_LIST_MODEL (self->agent_states);
}

GListModel *
pb_configuration_get_presence_statuses (PbConfiguration *self)
{
  g_return_val_if_fail (PB_IS_CONFIGURATION (self), NULL);
  return G_LIST_MODEL (self->presence_statuses);
}

GListModel *
pb_configuration_get_major_states (PbConfiguration *self)
{
  g_return_val_if_fail (PB_IS_CONFIGURATION (self), NULL);
  return G_LIST_MODEL (self->major_states);
}

/**
 * pb_configuration_get_minor_states:
 *
 * Returns: (transfer none) (nullable): the minor states of @major_id, or
 *   %NULL when it has none (what a tree list model wants for a leaf).
 */
GListModel *
pb_configuration_get_minor_states (PbConfiguration *self,
                                   const char      *major_id)
{
  g_return_val_if_fail (PB_IS_CONFIGURATION (self), NULL);
  return g_hash_table_lookup (self->minor_states, major_id);
}

void
pb_configuration_set_agent_states (PbConfiguration *self,
                                   GPtrArray       *states)
{
  g_autoptr(GPtrArray) majors = g_ptr_array_new ();

  g_return_if_fail (PB_IS_CONFIGURATION (self));
  g_return_if_fail (states != NULL);

  g_hash_table_remove_all (self->state_index);
  g_hash_table_remove_all (self->minor_states);

  for (guint i = 0; i < states->len; i++)
    {
      PbAgentState *state = g_ptr_array_index (states, i);
      const char *major_id = pb_agent_state_get_major_id (state);

      if (!g_hash_table_contains (self->state_index, pb_agent_state_get_id (state)))
        g_hash_table_insert (self->state_index, (char *)pb_agent_state_get_id (state), state);

      if (major_id == NULL)
        {
          g_ptr_array_add (majors, state);
        }
      else
        {
          GListStore *minors = g_hash_table_lookup (self->minor_states, major_id);

          if (minors == NULL)
            {
              minors = g_list_store_new (PB_TYPE_AGENT_STATE);
              g_hash_table_insert (self->minor_states, g_strdup (major_id), minors);
            }
          g_list_store_append (minors, state);
        }
    }

  /* Splice keeps the list models' identity, so views bound to them update. */
  g_list_store_splice (self->major_states, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->major_states)),
                       majors->pdata, majors->len);
  g_list_store_splice (self->agent_states, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->agent_states)),
                       states->pdata, states->len);

  g_signal_emit (self, signals[LISTS_CHANGED], 0);
  pb_configuration_emit_changed (self);
}

void
pb_configuration_set_presence_statuses (PbConfiguration *self,
                                        GPtrArray       *statuses)
{
  g_return_if_fail (PB_IS_CONFIGURATION (self));
  g_return_if_fail (statuses != NULL);

  g_hash_table_remove_all (self->presence_index);
  for (guint i = 0; i < statuses->len; i++)
    {
      PbPresenceStatus *status = g_ptr_array_index (statuses, i);
      const char *api_name = pb_presence_status_get_api_name (status);

      if (!g_hash_table_contains (self->presence_index, api_name))
        g_hash_table_insert (self->presence_index, (char *)api_name, status);
    }

  g_list_store_splice (self->presence_statuses, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->presence_statuses)),
                       statuses->pdata, statuses->len);

  g_signal_emit (self, signals[LISTS_CHANGED], 0);
  pb_configuration_emit_changed (self);
}

PbAgentState *
pb_configuration_lookup_state (PbConfiguration *self,
                               const char      *state_id)
{
  g_return_val_if_fail (PB_IS_CONFIGURATION (self), NULL);

  if (state_id == NULL)
    return NULL;

  return g_hash_table_lookup (self->state_index, state_id);
}

PbPresenceStatus *
pb_configuration_lookup_presence (PbConfiguration *self,
                                  const char      *api_name)
{
  g_return_val_if_fail (PB_IS_CONFIGURATION (self), NULL);

  if (api_name == NULL)
    return NULL;

  return g_hash_table_lookup (self->presence_index, api_name);
}

const char *
pb_configuration_get_state_name (PbConfiguration *self,
                                 const char      *state_id)
{
  PbAgentState *state = pb_configuration_lookup_state (self, state_id);

  return state != NULL ? pb_agent_state_get_name (state) : state_id;
}

const char *
pb_configuration_get_presence_label (PbConfiguration *self,
                                     const char      *api_name)
{
  PbPresenceStatus *status = pb_configuration_lookup_presence (self, api_name);

  return status != NULL ? pb_presence_status_get_label (status) : api_name;
}

const char *
pb_configuration_get_presence_mapping (PbConfiguration *self,
                                       const char      *api_name)
{
  g_return_val_if_fail (PB_IS_CONFIGURATION (self), NULL);
  g_return_val_if_fail (api_name != NULL, NULL);

  return g_hash_table_lookup (self->presence_to_state, api_name);
}

void
pb_configuration_set_presence_mapping (PbConfiguration *self,
                                       const char      *api_name,
                                       const char      *state_id)
{
  const char *current;

  g_return_if_fail (PB_IS_CONFIGURATION (self));
  g_return_if_fail (api_name != NULL);

  current = g_hash_table_lookup (self->presence_to_state, api_name);
  if (g_strcmp0 (current, state_id) == 0)
    return;

  if (state_id == NULL)
    g_hash_table_remove (self->presence_to_state, api_name);
  else
    g_hash_table_insert (self->presence_to_state, g_strdup (api_name), g_strdup (state_id));

  pb_configuration_emit_changed (self);
}

static GPtrArray *
sorted_keys (GHashTable *table)
{
  GPtrArray *keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, pb_compare_strings);

  return keys;
}

GPtrArray *
pb_configuration_list_presence_mappings (PbConfiguration *self)
{
  g_return_val_if_fail (PB_IS_CONFIGURATION (self), NULL);
  return sorted_keys (self->presence_to_state);
}

gboolean
pb_configuration_get_state_mapping (PbConfiguration  *self,
                                    const char       *state_id,
                                    const char      **presence_api_name)
{
  gpointer value = NULL;
  gboolean found;

  g_return_val_if_fail (PB_IS_CONFIGURATION (self), FALSE);
  g_return_val_if_fail (state_id != NULL, FALSE);

  found = g_hash_table_lookup_extended (self->state_to_presence, state_id, NULL, &value);
  if (presence_api_name != NULL)
    *presence_api_name = value;

  return found;
}

void
pb_configuration_set_state_mapping (PbConfiguration *self,
                                    const char      *state_id,
                                    const char      *presence_api_name)
{
  const char *current = NULL;

  g_return_if_fail (PB_IS_CONFIGURATION (self));
  g_return_if_fail (state_id != NULL);

  if (pb_configuration_get_state_mapping (self, state_id, &current) &&
      g_strcmp0 (current, presence_api_name) == 0)
    return;

  g_hash_table_insert (self->state_to_presence, g_strdup (state_id), g_strdup (presence_api_name));
  pb_configuration_emit_changed (self);
}

void
pb_configuration_unset_state_mapping (PbConfiguration *self,
                                      const char      *state_id)
{
  g_return_if_fail (PB_IS_CONFIGURATION (self));
  g_return_if_fail (state_id != NULL);

  if (g_hash_table_remove (self->state_to_presence, state_id))
    pb_configuration_emit_changed (self);
}

GPtrArray *
pb_configuration_list_state_mappings (PbConfiguration *self)
{
  g_return_val_if_fail (PB_IS_CONFIGURATION (self), NULL);
  return sorted_keys (self->state_to_presence);
}

gboolean
pb_configuration_get_revert_to_last_status (PbConfiguration *self)
{
  g_return_val_if_fail (PB_IS_CONFIGURATION (self), FALSE);
  return self->revert_to_last_status;
}

void
pb_configuration_set_revert_to_last_status (PbConfiguration *self,
                                            gboolean         revert)
{
  g_return_if_fail (PB_IS_CONFIGURATION (self));

  revert = !!revert;
  if (self->revert_to_last_status == revert)
    return;

  self->revert_to_last_status = revert;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVERT_TO_LAST_STATUS]);
  pb_configuration_emit_changed (self);
}

const char *
pb_configuration_get_agent_post_call_state (PbConfiguration *self)
{
  g_return_val_if_fail (PB_IS_CONFIGURATION (self), NULL);
  return self->agent_post_call_state;
}

void
pb_configuration_set_agent_post_call_state (PbConfiguration *self,
                                            const char      *state_id)
{
  g_return_if_fail (PB_IS_CONFIGURATION (self));

  if (state_id == NULL)
    state_id = PB_STATE_ID_READY;

  if (pb_set_str (&self->agent_post_call_state, state_id))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AGENT_POST_CALL_STATE]);
      pb_configuration_emit_changed (self);
    }
}

JsonObject *
pb_configuration_get_extra (PbConfiguration *self)
{
  g_return_val_if_fail (PB_IS_CONFIGURATION (self), NULL);
  return self->extra;
}

void
pb_configuration_set_extra (PbConfiguration *self,
                            JsonObject      *extra)
{
  g_return_if_fail (PB_IS_CONFIGURATION (self));

  g_clear_pointer (&self->extra, json_object_unref);
  self->extra = extra ? json_object_ref (extra) : json_object_new ();
  pb_configuration_emit_changed (self);
}

PbStateKind
pb_configuration_get_state_kind (PbConfiguration *self,
                                 const char      *state_id)
{
  PbAgentState *state;
  PbAgentState *major = NULL;

  g_return_val_if_fail (PB_IS_CONFIGURATION (self), PB_STATE_KIND_OTHER);

  state = pb_configuration_lookup_state (self, state_id);
  if (state == NULL)
    return pb_agent_state_classify (state_id, NULL);

  if (!pb_agent_state_is_major (state))
    major = pb_configuration_lookup_state (self, pb_agent_state_get_major_id (state));

  if (major != NULL)
    return pb_agent_state_classify (pb_agent_state_get_id (major), pb_agent_state_get_name (major));
  if (!pb_agent_state_is_major (state))
    return pb_agent_state_classify (pb_agent_state_get_major_id (state), NULL);

  return pb_agent_state_classify (pb_agent_state_get_id (state), pb_agent_state_get_name (state));
}

/**
 * pb_configuration_resolve_state:
 * @presence_api_name: (out) (optional): the presence shown, %NULL for offline
 *
 * The presence Salesforce shows when an agent enters @state_id: its own entry,
 * else its major state's, and always offline for Logged out.
 */
PbResolution
pb_configuration_resolve_state (PbConfiguration  *self,
                                const char       *state_id,
                                const char      **presence_api_name)
{
  PbAgentState *state;
  const char *major_id;
  const char *value = NULL;

  g_return_val_if_fail (PB_IS_CONFIGURATION (self), PB_RESOLUTION_NONE);
  g_return_val_if_fail (state_id != NULL, PB_RESOLUTION_NONE);

  if (presence_api_name != NULL)
    *presence_api_name = NULL;

  if (pb_configuration_get_state_kind (self, state_id) == PB_STATE_KIND_LOGGED_OUT)
    return PB_RESOLUTION_FIXED;

  if (pb_configuration_get_state_mapping (self, state_id, &value))
    {
      if (presence_api_name != NULL)
        *presence_api_name = value;
      return PB_RESOLUTION_OWN;
    }

  state = pb_configuration_lookup_state (self, state_id);
  major_id = state ? pb_agent_state_get_major_id (state) : NULL;
  if (major_id != NULL && pb_configuration_get_state_mapping (self, major_id, &value))
    {
      if (presence_api_name != NULL)
        *presence_api_name = value;
      return PB_RESOLUTION_INHERITED;
    }

  return PB_RESOLUTION_NONE;
}

/**
 * pb_configuration_resolve_presence:
 * @is_default: (out) (optional): whether the default mapping applies
 *
 * Returns: the state the platform puts an agent in who picks @api_name: its
 *   entry, or Ready when it has none.
 */
const char *
pb_configuration_resolve_presence (PbConfiguration *self,
                                   const char      *api_name,
                                   gboolean        *is_default)
{
  const char *state_id;

  g_return_val_if_fail (PB_IS_CONFIGURATION (self), NULL);
  g_return_val_if_fail (api_name != NULL, NULL);

  state_id = g_hash_table_lookup (self->presence_to_state, api_name);
  if (is_default != NULL)
    *is_default = state_id == NULL;

  return state_id ? state_id : PB_STATE_ID_READY;
}

/* "Away › Break" for a minor state, the name for a major, the id when the
 * state is not in the list (a stale mapping). */
char *
pb_configuration_dup_state_display_name (PbConfiguration *self,
                                         const char      *state_id)
{
  PbAgentState *state;
  PbAgentState *major;

  g_return_val_if_fail (PB_IS_CONFIGURATION (self), NULL);

  state = pb_configuration_lookup_state (self, state_id);
  if (state == NULL)
    return g_strdup (state_id);

  if (pb_agent_state_is_major (state))
    return g_strdup (pb_agent_state_get_name (state));

  major = pb_configuration_lookup_state (self, pb_agent_state_get_major_id (state));
  /* Translators: a minor agent state under its major, e.g. “Away › Break” */
  return g_strdup_printf (_("%s › %s"),
                          major ? pb_agent_state_get_name (major) : pb_agent_state_get_major_id (state),
                          pb_agent_state_get_name (state));
}

char *
pb_configuration_dup_presence_value (PbConfiguration *self,
                                     const char      *api_name)
{
  const char *state_id;

  g_return_val_if_fail (PB_IS_CONFIGURATION (self), NULL);
  g_return_val_if_fail (api_name != NULL, NULL);

  state_id = pb_configuration_get_presence_mapping (self, api_name);
  if (state_id == NULL)
    return g_strdup (_("Default (Ready)"));

  return pb_configuration_dup_state_display_name (self, state_id);
}

/* A state → presence entry's presence: its label, or "Offline". */
static char *
dup_entry_label (PbConfiguration *self,
                 const char      *api_name)
{
  if (api_name == NULL)
    return g_strdup (C_("presence", "Offline"));

  return g_strdup (pb_configuration_get_presence_label (self, api_name));
}

char *
pb_configuration_dup_state_value (PbConfiguration *self,
                                  const char      *state_id)
{
  PbAgentState *state;
  const char *major_id;
  const char *presence = NULL;
  g_autofree char *major_name = NULL;
  g_autofree char *inherited = NULL;

  g_return_val_if_fail (PB_IS_CONFIGURATION (self), NULL);
  g_return_val_if_fail (state_id != NULL, NULL);

  /* Fixed behaviour, whatever an entry says (pb_configuration_resolve_state()). */
  if (pb_configuration_get_state_kind (self, state_id) == PB_STATE_KIND_LOGGED_OUT)
    return g_strdup (C_("presence", "Offline"));

  if (pb_configuration_get_state_mapping (self, state_id, &presence))
    return dup_entry_label (self, presence);

  state = pb_configuration_lookup_state (self, state_id);
  major_id = state != NULL ? pb_agent_state_get_major_id (state) : NULL;
  if (major_id == NULL)
    return g_strdup (_("Not mapped"));

  major_name = pb_configuration_dup_state_display_name (self, major_id);
  if (pb_configuration_get_state_mapping (self, major_id, &presence))
    inherited = dup_entry_label (self, presence);
  else
    /* Translators: what a minor state gets while its major state has no presence. */
    inherited = g_strdup (_("not mapped"));

  /* Translators: a minor state without an entry of its own: "Same as Away (Away from desk)". */
  return g_strdup_printf (_("Same as %s (%s)"), major_name, inherited);
}

static gboolean
contains_folded (const char *text,
                 const char *folded_word)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);

  return strstr (folded, folded_word) != NULL;
}

/* What the simulator asks for ("the Busy minor for inbound calls", "a
 * Lunch state"): accounts name their states freely, so a word in the id or
 * the name is the best guess there is (docs/simulation.md). */
const char *
pb_configuration_find_state (PbConfiguration *self,
                             PbStateKind      kind,
                             gboolean         minor,
                             const char      *word,
                             const char      *except)
{
  g_autofree char *folded_word = NULL;
  guint n;

  g_return_val_if_fail (PB_IS_CONFIGURATION (self), NULL);

  folded_word = word != NULL ? g_utf8_casefold (word, -1) : NULL;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->agent_states));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbAgentState) state = g_list_model_get_item (G_LIST_MODEL (self->agent_states), i);
      const char *id = pb_agent_state_get_id (state);

      /* Duplicates are an error of their own; lookups see the first. */
      if (pb_configuration_lookup_state (self, id) != state ||
          pb_agent_state_is_major (state) == minor ||
          g_strcmp0 (id, except) == 0 ||
          pb_configuration_get_state_kind (self, id) != kind)
        continue;

      if (folded_word == NULL ||
          contains_folded (id, folded_word) ||
          contains_folded (pb_agent_state_get_name (state), folded_word))
        return id;
    }

  return NULL;
}
