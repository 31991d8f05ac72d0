/* pb-promotion.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Record Ids differ between a sandbox org and production; API names and
 * the platform's state ids are what a configuration is written in, so they
 * are what is matched. A state id may still differ between two platform
 * accounts while the state is plainly the same one ("Away › Break"): then
 * the name decides, but only when it points at exactly one state, since a
 * guess that maps the wrong state is worse than a gap the checks report.
 */
#include "pb-promotion.h"

#include <glib/gi18n.h>

struct _PbPromotion
{
  GObject parent_instance;

  PbConfiguration *result;
  GListStore *unmatched;
  guint n_matched_statuses;
  guint n_matched_states;
};

G_DEFINE_FINAL_TYPE (PbPromotion, pb_promotion, G_TYPE_OBJECT)

static void
pb_promotion_finalize (GObject *object)
{
  PbPromotion *self = (PbPromotion *)object;

  g_clear_object (&self->result);
  g_clear_object (&self->unmatched);

  G_OBJECT_CLASS (pb_promotion_parent_class)->finalize (object);
}

static void
pb_promotion_class_init (PbPromotionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pb_promotion_finalize;
}

static void
pb_promotion_init (PbPromotion *self)
{
  self->unmatched = g_list_store_new (PB_TYPE_CHANGE);
}

/* What promoting needs while it works. */
typedef struct
{
  PbConfiguration *from;
  PbConfiguration *to;
  PbConfiguration *result;
  GListStore *unmatched;
  /* source state id → target state id */
  GHashTable *state_matches;
  /* target state ids already matched */
  GHashTable *taken;
  /* API names whose mapping came from the source */
  GHashTable *promoted_statuses;
  /* source state ids whose name fits several states of the target */
  GHashTable *ambiguous;
} Promote;

static void
report (Promote      *promote,
        PbChangeKind  kind,
        const char   *path,
        const char   *before,
        const char   *after,
        const char   *description)
{
  g_autoptr(PbChange) change = pb_change_new (kind, path, before, after, description);

  g_list_store_append (promote->unmatched, change);
}

/* The agent states (or the presence statuses) of @configuration, each id
 * (or API name) once: the first, as lookups have it. */
static GPtrArray *
unique_items (PbConfiguration *configuration,
              gboolean         states)
{
  GListModel *items = states ? pb_configuration_get_agent_states (configuration)
                             : pb_configuration_get_presence_statuses (configuration);
  GPtrArray *unique = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (items);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (items, i);
      gpointer first = states
        ? (gpointer)pb_configuration_lookup_state (configuration, pb_agent_state_get_id (PB_AGENT_STATE (item)))
        : (gpointer)pb_configuration_lookup_presence (configuration,
                                                      pb_presence_status_get_api_name (PB_PRESENCE_STATUS (item)));

      if (first == (gpointer)item)
        g_ptr_array_add (unique, g_steal_pointer (&item));
    }

  return unique;
}

/* Names compare as a person reads them: case and Unicode normalisation
 * aside. */
static char *
fold_name (const char *name)
{
  g_autofree char *normalized = g_utf8_normalize (name, -1, G_NORMALIZE_DEFAULT);

  return g_utf8_casefold (normalized != NULL ? normalized : name, -1);
}

/* The one state of the target, not matched yet, with @source's name and
 * @target_major as its major (NULL: a major state); NULL when none fits,
 * or several (*@ambiguous). */
static const char *
find_by_name (Promote      *promote,
              GPtrArray    *target_states,
              PbAgentState *source,
              const char   *target_major,
              gboolean     *ambiguous)
{
  g_autofree char *wanted = fold_name (pb_agent_state_get_name (source));
  const char *found = NULL;

  for (guint i = 0; i < target_states->len; i++)
    {
      PbAgentState *candidate = g_ptr_array_index (target_states, i);
      const char *id = pb_agent_state_get_id (candidate);
      g_autofree char *name = NULL;

      if (g_hash_table_contains (promote->taken, id) ||
          g_strcmp0 (pb_agent_state_get_major_id (candidate), target_major) != 0)
        continue;

      name = fold_name (pb_agent_state_get_name (candidate));
      if (!g_str_equal (name, wanted))
        continue;
      if (found != NULL)
        {
          *ambiguous = TRUE;
          return NULL;
        }
      found = id;
    }

  return found;
}

static void
match (Promote    *promote,
       const char *source_id,
       const char *target_id)
{
  g_hash_table_insert (promote->state_matches, g_strdup (source_id), g_strdup (target_id));
  g_hash_table_add (promote->taken, g_strdup (target_id));
}

/* By id first, everywhere, so a name never takes a state that its own id
 * claims; then majors by name, then minors by name under their matched
 * majors. */
static void
match_states (Promote   *promote,
              GPtrArray *source_states,
              GPtrArray *target_states)
{
  for (guint i = 0; i < source_states->len; i++)
    {
      const char *id = pb_agent_state_get_id (g_ptr_array_index (source_states, i));

      if (pb_configuration_lookup_state (promote->to, id) != NULL)
        match (promote, id, id);
    }

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < source_states->len; i++)
      {
        PbAgentState *state = g_ptr_array_index (source_states, i);
        const char *id = pb_agent_state_get_id (state);
        const char *target_major = NULL;
        gboolean ambiguous = FALSE;
        const char *found;

        if (g_hash_table_contains (promote->state_matches, id) || pb_agent_state_is_major (state) != (pass == 0))
          continue;

        if (!pb_agent_state_is_major (state))
          {
            target_major = g_hash_table_lookup (promote->state_matches, pb_agent_state_get_major_id (state));
            if (target_major == NULL)
              continue;
          }

        found = find_by_name (promote, target_states, state, target_major, &ambiguous);
        if (found != NULL)
          match (promote, id, found);
        else if (ambiguous)
          g_hash_table_add (promote->ambiguous, (gpointer)id);
      }
}

/* The target's id for the state @source_id that a presence maps to:
 * matched, or (for an id the source's lists lack) the same id when the
 * target has it. */
static const char *
target_state (Promote    *promote,
              const char *source_id)
{
  const char *matched = g_hash_table_lookup (promote->state_matches, source_id);

  if (matched != NULL)
    return matched;
  if (pb_configuration_lookup_state (promote->from, source_id) == NULL &&
      pb_configuration_lookup_state (promote->to, source_id) != NULL)
    return source_id;
  return NULL;
}

static void
promote_status (Promote    *promote,
                const char *api_name)
{
  const char *label = pb_configuration_get_presence_label (promote->from, api_name);
  const char *state_id = pb_configuration_get_presence_mapping (promote->from, api_name);
  g_autofree char *state_name = state_id ? pb_configuration_dup_state_display_name (promote->from, state_id) : NULL;
  const char *target_id;

  g_hash_table_add (promote->promoted_statuses, (gpointer)api_name);
  if (pb_configuration_lookup_presence (promote->to, api_name) == NULL)
    {
      g_autofree char *path = g_strdup_printf ("presenceStatuses[apiName=%s]", api_name);
      g_autofree char *description = NULL;

      if (state_id != NULL)
        /* Translators: a presence status's label, then an agent state's name */
        description = g_strdup_printf (_("The target has no presence status “%s”: its mapping to %s is not copied"),
                                       label, state_name);
      else
        description = g_strdup_printf (_("The target has no presence status “%s”"), label);
      report (promote, PB_CHANGE_REMOVED, path, label, NULL, description);
      return;
    }

  if (state_id == NULL)
    {
      pb_configuration_set_presence_mapping (promote->result, api_name, NULL);
      return;
    }

  target_id = target_state (promote, state_id);
  pb_configuration_set_presence_mapping (promote->result, api_name, target_id);
  if (target_id == NULL)
    {
      g_autofree char *path = g_strdup_printf ("presenceToState.%s", api_name);
      g_autofree char *description = NULL;

      /* Translators: a presence status's label, then an agent state's name */
      description = g_strdup_printf (_("“%s” maps to %s, which the target does not have: it uses the default (Ready) there"),
                                     label, state_name);
      report (promote, PB_CHANGE_REMOVED, path, state_name, NULL, description);
    }
}

/* @target_id: the matched state of the target, NULL when none matched. */
static void
promote_state (Promote    *promote,
               const char *state_id,
               const char *target_id)
{
  g_autofree char *name = pb_configuration_dup_state_display_name (promote->from, state_id);
  const char *presence = NULL;
  gboolean mapped = pb_configuration_get_state_mapping (promote->from, state_id, &presence);
  g_autofree char *path = NULL;
  g_autofree char *description = NULL;
  const char *label;

  if (target_id == NULL)
    {
      path = g_strdup_printf ("agentStates[id=%s]", state_id);
      if (g_hash_table_contains (promote->ambiguous, state_id))
        description = g_strdup_printf (_("Agent state %s has the name of several agent states of the target: "
                                         "none was chosen"),
                                       name);
      else if (mapped && presence != NULL)
        /* Translators: an agent state's name, then a presence status's label */
        description = g_strdup_printf (_("The target has no agent state %s: its mapping to “%s” is not copied"),
                                       name, pb_configuration_get_presence_label (promote->from, presence));
      else if (mapped)
        description = g_strdup_printf (_("The target has no agent state %s: its mapping to offline is not copied"),
                                       name);
      else
        description = g_strdup_printf (_("The target has no agent state %s"), name);
      report (promote, PB_CHANGE_REMOVED, path, name, NULL, description);
      return;
    }

  if (!g_str_equal (target_id, state_id))
    {
      path = g_strdup_printf ("agentStates[id=%s]", state_id);
      /* Translators: an agent state's name, then its id in the other profile */
      description = g_strdup_printf (_("Agent state %s has the id “%s” in the target: matched by name"),
                                     name, target_id);
      report (promote, PB_CHANGE_MODIFIED, path, state_id, target_id, description);
      g_clear_pointer (&path, g_free);
      g_clear_pointer (&description, g_free);
    }

  if (!mapped)
    {
      pb_configuration_unset_state_mapping (promote->result, target_id);
      return;
    }

  if (presence == NULL || pb_configuration_lookup_presence (promote->to, presence) != NULL)
    {
      pb_configuration_set_state_mapping (promote->result, target_id, presence);
      return;
    }

  pb_configuration_unset_state_mapping (promote->result, target_id);
  path = g_strdup_printf ("stateToPresence.%s", target_id);
  label = pb_configuration_get_presence_label (promote->from, presence);
  if (pb_agent_state_is_major (pb_configuration_lookup_state (promote->to, target_id)))
    /* Translators: an agent state's name, then a presence status's label */
    description = g_strdup_printf (_("%s shows “%s”, which the target does not have: it is left unmapped there"),
                                   name, label);
  else
    description = g_strdup_printf (_("%s shows “%s”, which the target does not have: it uses its major state’s mapping there"),
                                   name, label);
  report (promote, PB_CHANGE_REMOVED, path, label, NULL, description);
}

static gboolean
has_status (PbConfiguration *configuration,
            const char      *api_name)
{
  return pb_configuration_lookup_presence (configuration, api_name) != NULL;
}

static gboolean
has_state (PbConfiguration *configuration,
           const char      *state_id)
{
  return pb_configuration_lookup_state (configuration, state_id) != NULL;
}

typedef gboolean (*HasItem) (PbConfiguration *configuration,
                             const char      *key);

/* The @keys of @from's mapping whose item its own lists lack, in order. */
static GPtrArray *
stale_keys (PbConfiguration *from,
            GPtrArray       *keys,
            HasItem          in_lists)
{
  GPtrArray *stale = g_ptr_array_new ();

  for (guint i = 0; i < keys->len; i++)
    if (!in_lists (from, g_ptr_array_index (keys, i)))
      g_ptr_array_add (stale, g_ptr_array_index (keys, i));

  return stale;
}

static void
report_target_only (Promote   *promote,
                    GPtrArray *target_statuses,
                    GPtrArray *target_states)
{
  for (guint i = 0; i < target_statuses->len; i++)
    {
      PbPresenceStatus *status = g_ptr_array_index (target_statuses, i);
      const char *api_name = pb_presence_status_get_api_name (status);
      g_autofree char *path = NULL;
      g_autofree char *description = NULL;

      if (g_hash_table_contains (promote->promoted_statuses, api_name))
        continue;

      path = g_strdup_printf ("presenceStatuses[apiName=%s]", api_name);
      description = g_strdup_printf (_("Presence status “%s” is only in the target: its mapping there is kept"),
                                     pb_presence_status_get_label (status));
      report (promote, PB_CHANGE_ADDED, path, NULL, pb_presence_status_get_label (status), description);
    }

  for (guint i = 0; i < target_states->len; i++)
    {
      const char *id = pb_agent_state_get_id (g_ptr_array_index (target_states, i));
      g_autofree char *name = NULL;
      g_autofree char *path = NULL;
      g_autofree char *description = NULL;

      if (g_hash_table_contains (promote->taken, id))
        continue;

      name = pb_configuration_dup_state_display_name (promote->to, id);
      path = g_strdup_printf ("agentStates[id=%s]", id);
      description = g_strdup_printf (_("Agent state %s is only in the target: its mapping there is kept"), name);
      report (promote, PB_CHANGE_ADDED, path, NULL, name, description);
    }
}

PbPromotion *
pb_promotion_new (PbConfiguration *from,
                  PbConfiguration *to)
{
  PbPromotion *self;
  g_autoptr(GPtrArray) source_states = NULL;
  g_autoptr(GPtrArray) target_states = NULL;
  g_autoptr(GPtrArray) source_statuses = NULL;
  g_autoptr(GPtrArray) target_statuses = NULL;
  g_autoptr(GPtrArray) presence_keys = NULL;
  g_autoptr(GPtrArray) state_keys = NULL;
  g_autoptr(GPtrArray) stale_presences = NULL;
  g_autoptr(GPtrArray) stale_states = NULL;
  Promote promote;

  g_return_val_if_fail (PB_IS_CONFIGURATION (from), NULL);
  g_return_val_if_fail (PB_IS_CONFIGURATION (to), NULL);

  self = g_object_new (PB_TYPE_PROMOTION, NULL);
  self->result = pb_configuration_copy (to);
  pb_configuration_set_revert_to_last_status (self->result, pb_configuration_get_revert_to_last_status (from));

  promote = (Promote) {
    .from = from,
    .to = to,
    .result = self->result,
    .unmatched = self->unmatched,
    .state_matches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free),
    .taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
    .promoted_statuses = g_hash_table_new (g_str_hash, g_str_equal),
    .ambiguous = g_hash_table_new (g_str_hash, g_str_equal),
  };

  source_states = unique_items (from, TRUE);
  target_states = unique_items (to, TRUE);
  source_statuses = unique_items (from, FALSE);
  target_statuses = unique_items (to, FALSE);
  match_states (&promote, source_states, target_states);

  for (guint i = 0; i < source_statuses->len; i++)
    self->n_matched_statuses +=
      has_status (to, pb_presence_status_get_api_name (g_ptr_array_index (source_statuses, i)));
  for (guint i = 0; i < source_states->len; i++)
    self->n_matched_states +=
      g_hash_table_contains (promote.state_matches, pb_agent_state_get_id (g_ptr_array_index (source_states, i)));

  for (guint i = 0; i < source_statuses->len; i++)
    promote_status (&promote, pb_presence_status_get_api_name (g_ptr_array_index (source_statuses, i)));
  presence_keys = pb_configuration_list_presence_mappings (from);
  stale_presences = stale_keys (from, presence_keys, has_status);
  for (guint i = 0; i < stale_presences->len; i++)
    promote_status (&promote, g_ptr_array_index (stale_presences, i));

  for (guint i = 0; i < source_states->len; i++)
    {
      const char *id = pb_agent_state_get_id (g_ptr_array_index (source_states, i));

      promote_state (&promote, id, g_hash_table_lookup (promote.state_matches, id));
    }
  state_keys = pb_configuration_list_state_mappings (from);
  stale_states = stale_keys (from, state_keys, has_state);
  for (guint i = 0; i < stale_states->len; i++)
    {
      const char *id = g_ptr_array_index (stale_states, i);
      gboolean free_in_target = has_state (to, id) && !g_hash_table_contains (promote.taken, id);

      if (free_in_target)
        match (&promote, id, id);
      promote_state (&promote, id, free_in_target ? id : NULL);
    }

  report_target_only (&promote, target_statuses, target_states);

  g_hash_table_unref (promote.state_matches);
  g_hash_table_unref (promote.taken);
  g_hash_table_unref (promote.promoted_statuses);
  g_hash_table_unref (promote.ambiguous);

  return self;
}

PbConfiguration *
pb_promotion_get_result (PbPromotion *self)
{
  g_return_val_if_fail (PB_IS_PROMOTION (self), NULL);

  return self->result;
}

GListModel *
pb_promotion_get_unmatched (PbPromotion *self)
{
  g_return_val_if_fail (PB_IS_PROMOTION (self), NULL);

  return G_LIST_MODEL (self->unmatched);
}

guint
pb_promotion_count (PbPromotion  *self,
                    PbChangeKind  kind)
{
  guint n, count = 0;

  g_return_val_if_fail (PB_IS_PROMOTION (self), 0);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->unmatched));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbChange) change = g_list_model_get_item (G_LIST_MODEL (self->unmatched), i);

      count += pb_change_get_kind (change) == kind;
    }

  return count;
}

guint
pb_promotion_get_n_matched_statuses (PbPromotion *self)
{
  g_return_val_if_fail (PB_IS_PROMOTION (self), 0);

  return self->n_matched_statuses;
}

guint
pb_promotion_get_n_matched_states (PbPromotion *self)
{
  g_return_val_if_fail (PB_IS_PROMOTION (self), 0);

  return self->n_matched_states;
}

gboolean
pb_promotion_has_lists (PbConfiguration *configuration)
{
  g_return_val_if_fail (PB_IS_CONFIGURATION (configuration), FALSE);

  return g_list_model_get_n_items (pb_configuration_get_agent_states (configuration)) > 0 ||
         g_list_model_get_n_items (pb_configuration_get_presence_statuses (configuration)) > 0;
}
