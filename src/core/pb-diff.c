/* pb-diff.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-diff.h"

#include <glib/gi18n.h>

#include "pb-util.h"
#include <string.h>

/*
 * Items are matched by their stable keys (state id, presence API name), never
 * by position or record Id, so a configuration from a sandbox org compares
 * cleanly with production. Paths are documented in docs/checks.md
 * ("Diff paths"): state ids contain dots, so list items are addressed as
 * agentStates[id=…] rather than by a dotted path.
 */

static void
add_change (GPtrArray    *changes,
            PbChangeKind  kind,
            const char   *path,
            const char   *before,
            const char   *after,
            const char   *description)
{
  g_ptr_array_add (changes, pb_change_new (kind, path, before, after, description));
}

/* The label as the newer configuration knows it, else the older, else the
 * API name: a removed status still has a name in the old one. */
static const char *
presence_label_in_either (PbConfiguration *before,
                          PbConfiguration *after,
                          const char      *api_name)
{
  if (pb_configuration_lookup_presence (after, api_name) != NULL)
    return pb_configuration_get_presence_label (after, api_name);

  return pb_configuration_get_presence_label (before, api_name);
}

static char *
dup_channels (PbPresenceStatus *status)
{
  const char * const *channels = pb_presence_status_get_channels (status);

  if (channels == NULL || channels[0] == NULL)
    return g_strdup (C_("service channels", "none"));

  return g_strjoinv (", ", (char **)channels);
}

static void
diff_agent_states (PbConfiguration *before,
                   PbConfiguration *after,
                   GPtrArray       *changes)
{
  GListModel *old_states = pb_configuration_get_agent_states (before);
  GListModel *new_states = pb_configuration_get_agent_states (after);
  guint n_old = g_list_model_get_n_items (old_states);
  guint n_new = g_list_model_get_n_items (new_states);

  for (guint i = 0; i < n_old; i++)
    {
      g_autoptr(PbAgentState) state = g_list_model_get_item (old_states, i);
      const char *id = pb_agent_state_get_id (state);
      g_autofree char *path = NULL;
      g_autofree char *name = NULL;
      g_autofree char *description = NULL;

      if (pb_configuration_lookup_state (before, id) != state ||
          pb_configuration_lookup_state (after, id) != NULL)
        continue;

      path = g_strconcat ("agentStates[id=", id, "]", NULL);
      name = pb_configuration_dup_state_display_name (before, id);
      description = g_strdup_printf (_("Agent state %s removed"), name);
      add_change (changes, PB_CHANGE_REMOVED, path, name, NULL, description);
    }

  for (guint i = 0; i < n_new; i++)
    {
      g_autoptr(PbAgentState) state = g_list_model_get_item (new_states, i);
      const char *id = pb_agent_state_get_id (state);
      PbAgentState *old_state;
      const char *old_major;
      const char *new_major;

      if (pb_configuration_lookup_state (after, id) != state)
        continue;

      old_state = pb_configuration_lookup_state (before, id);
      if (old_state == NULL)
        {
          g_autofree char *path = g_strconcat ("agentStates[id=", id, "]", NULL);
          g_autofree char *name = pb_configuration_dup_state_display_name (after, id);
          g_autofree char *description = g_strdup_printf (_("Agent state %s added"), name);

          add_change (changes, PB_CHANGE_ADDED, path, NULL, name, description);
          continue;
        }

      if (g_strcmp0 (pb_agent_state_get_name (old_state), pb_agent_state_get_name (state)) != 0)
        {
          g_autofree char *path = g_strdup_printf ("agentStates[id=%s].name", id);
          g_autofree char *description = NULL;

          description = g_strdup_printf (_("Agent state “%s” renamed to “%s”"),
                                         pb_agent_state_get_name (old_state),
                                         pb_agent_state_get_name (state));
          add_change (changes, PB_CHANGE_MODIFIED, path,
                      pb_agent_state_get_name (old_state), pb_agent_state_get_name (state),
                      description);
        }

      old_major = pb_agent_state_get_major_id (old_state);
      new_major = pb_agent_state_get_major_id (state);
      /* The sentence names both majors, so the state goes by its own name. */
      if (g_strcmp0 (old_major, new_major) != 0)
        {
          g_autofree char *path = g_strdup_printf ("agentStates[id=%s].major", id);
          g_autofree char *old_major_name = NULL;
          g_autofree char *new_major_name = NULL;
          g_autofree char *description = NULL;

          if (old_major != NULL)
            old_major_name = pb_configuration_dup_state_display_name (before, old_major);
          if (new_major != NULL)
            new_major_name = pb_configuration_dup_state_display_name (after, new_major);

          if (old_major == NULL)
            {
              /* Translators: a state name, then the name of its new major state. */
              description = g_strdup_printf (_("Agent state %s is now a minor state of %s"),
                                             pb_agent_state_get_name (state), new_major_name);
            }
          else if (new_major == NULL)
            {
              /* Translators: a state name, then the name of its former major state. */
              description = g_strdup_printf (_("Agent state %s is now a major state (it was under %s)"),
                                             pb_agent_state_get_name (state), old_major_name);
            }
          else
            {
              /* Translators: a state name, its former major state, its new major state. */
              description = g_strdup_printf (_("Agent state %s moved from %s to %s"),
                                             pb_agent_state_get_name (state),
                                             old_major_name, new_major_name);
            }
          add_change (changes, PB_CHANGE_MODIFIED, path, old_major_name, new_major_name, description);
        }
    }
}

static void
diff_presence_statuses (PbConfiguration *before,
                        PbConfiguration *after,
                        GPtrArray       *changes)
{
  GListModel *old_statuses = pb_configuration_get_presence_statuses (before);
  GListModel *new_statuses = pb_configuration_get_presence_statuses (after);
  guint n_old = g_list_model_get_n_items (old_statuses);
  guint n_new = g_list_model_get_n_items (new_statuses);

  for (guint i = 0; i < n_old; i++)
    {
      g_autoptr(PbPresenceStatus) status = g_list_model_get_item (old_statuses, i);
      const char *api_name = pb_presence_status_get_api_name (status);
      const char *label = pb_presence_status_get_label (status);
      g_autofree char *path = NULL;
      g_autofree char *description = NULL;

      if (pb_configuration_lookup_presence (before, api_name) != status ||
          pb_configuration_lookup_presence (after, api_name) != NULL)
        continue;

      path = g_strconcat ("presenceStatuses[apiName=", api_name, "]", NULL);
      description = g_strdup_printf (_("Presence status “%s” removed"), label);
      add_change (changes, PB_CHANGE_REMOVED, path, label, NULL, description);
    }

  for (guint i = 0; i < n_new; i++)
    {
      g_autoptr(PbPresenceStatus) status = g_list_model_get_item (new_statuses, i);
      const char *api_name = pb_presence_status_get_api_name (status);
      const char *label = pb_presence_status_get_label (status);
      PbPresenceStatus *old_status;

      if (pb_configuration_lookup_presence (after, api_name) != status)
        continue;

      old_status = pb_configuration_lookup_presence (before, api_name);
      if (old_status == NULL)
        {
          g_autofree char *path = g_strconcat ("presenceStatuses[apiName=", api_name, "]", NULL);
          g_autofree char *description = g_strdup_printf (_("Presence status “%s” added"), label);

          add_change (changes, PB_CHANGE_ADDED, path, NULL, label, description);
          continue;
        }

      if (g_strcmp0 (pb_presence_status_get_label (old_status), label) != 0)
        {
          g_autofree char *path = g_strdup_printf ("presenceStatuses[apiName=%s].label", api_name);
          g_autofree char *description = NULL;

          description = g_strdup_printf (_("Presence status “%s” is now labelled “%s”"),
                                         pb_presence_status_get_label (old_status), label);
          add_change (changes, PB_CHANGE_MODIFIED, path,
                      pb_presence_status_get_label (old_status), label, description);
        }

      if (!g_strv_equal (pb_presence_status_get_channels (old_status),
                         pb_presence_status_get_channels (status)))
        {
          g_autofree char *path = g_strdup_printf ("presenceStatuses[apiName=%s].channels", api_name);
          g_autofree char *old_channels = dup_channels (old_status);
          g_autofree char *new_channels = dup_channels (status);
          g_autofree char *description = NULL;

          /* Translators: a presence label, then two lists of service channels. */
          description = g_strdup_printf (_("Service channels of “%s” changed from %s to %s"),
                                         label, old_channels, new_channels);
          add_change (changes, PB_CHANGE_MODIFIED, path, old_channels, new_channels, description);
        }
    }
}

/* Sorted union of two sorted key arrays. */
static GPtrArray *
merge_keys (GPtrArray *a,
            GPtrArray *b)
{
  GPtrArray *keys = g_ptr_array_sized_new (a->len + b->len);
  guint i = 0, j = 0;

  while (i < a->len || j < b->len)
    {
      int order;

      if (i == a->len)
        order = 1;
      else if (j == b->len)
        order = -1;
      else
        order = strcmp (g_ptr_array_index (a, i), g_ptr_array_index (b, j));

      if (order <= 0)
        g_ptr_array_add (keys, g_ptr_array_index (a, i));
      else
        g_ptr_array_add (keys, g_ptr_array_index (b, j));

      if (order <= 0)
        i++;
      if (order >= 0)
        j++;
    }

  return keys;
}

static void
diff_presence_mappings (PbConfiguration *before,
                        PbConfiguration *after,
                        GPtrArray       *changes)
{
  g_autoptr(GPtrArray) old_keys = pb_configuration_list_presence_mappings (before);
  g_autoptr(GPtrArray) new_keys = pb_configuration_list_presence_mappings (after);
  g_autoptr(GPtrArray) keys = merge_keys (old_keys, new_keys);
  g_autofree char *ready = pb_configuration_dup_state_display_name (after, PB_STATE_ID_READY);

  for (guint i = 0; i < keys->len; i++)
    {
      const char *api_name = g_ptr_array_index (keys, i);
      const char *old_state = pb_configuration_get_presence_mapping (before, api_name);
      const char *new_state = pb_configuration_get_presence_mapping (after, api_name);
      const char *label = presence_label_in_either (before, after, api_name);
      g_autofree char *path = NULL;
      g_autofree char *old_name = NULL;
      g_autofree char *new_name = NULL;
      g_autofree char *description = NULL;
      PbChangeKind kind;

      if (g_strcmp0 (old_state, new_state) == 0)
        continue;

      path = g_strconcat ("presenceToState.", api_name, NULL);
      if (old_state != NULL)
        old_name = pb_configuration_dup_state_display_name (before, old_state);
      if (new_state != NULL)
        new_name = pb_configuration_dup_state_display_name (after, new_state);

      if (old_state == NULL)
        {
          kind = PB_CHANGE_ADDED;
          if (g_strcmp0 (new_state, PB_STATE_ID_READY) == 0)
            /* Translators: a presence label, the name of Ready. */
            description = g_strdup_printf (_("“%s” now sets %s explicitly rather than by default"),
                                           label, ready);
          else
            /* Translators: a presence label, a state name, the name of Ready. */
            description = g_strdup_printf (_("“%s” now sets the agent state %s instead of the default %s"),
                                           label, new_name, ready);
        }
      else if (new_state == NULL)
        {
          kind = PB_CHANGE_REMOVED;
          /* Translators: a presence label, a state name, the name of Ready. */
          description = g_strdup_printf (_("“%s” no longer sets %s and uses the default mapping, %s"),
                                         label, old_name, ready);
        }
      else
        {
          kind = PB_CHANGE_MODIFIED;
          /* Translators: a presence label, the new state name, the old state name. */
          description = g_strdup_printf (_("“%s” now sets the agent state %s instead of %s"),
                                         label, new_name, old_name);
        }

      add_change (changes, kind, path, old_name, new_name, description);
    }
}

/* The display value of a state → presence entry: the label, or @offline. */
static const char *
entry_value (PbConfiguration *config,
             const char      *api_name,
             const char      *offline)
{
  if (api_name == NULL)
    return offline;

  return pb_configuration_get_presence_label (config, api_name);
}

static void
diff_state_mappings (PbConfiguration *before,
                     PbConfiguration *after,
                     GPtrArray       *changes)
{
  g_autoptr(GPtrArray) old_keys = pb_configuration_list_state_mappings (before);
  g_autoptr(GPtrArray) new_keys = pb_configuration_list_state_mappings (after);
  g_autoptr(GPtrArray) keys = merge_keys (old_keys, new_keys);
  const char *offline = C_("presence", "Offline");

  for (guint i = 0; i < keys->len; i++)
    {
      const char *state_id = g_ptr_array_index (keys, i);
      const char *old_presence = NULL;
      const char *new_presence = NULL;
      gboolean had_entry = pb_configuration_get_state_mapping (before, state_id, &old_presence);
      gboolean has_entry = pb_configuration_get_state_mapping (after, state_id, &new_presence);
      const char *old_value = had_entry ? entry_value (before, old_presence, offline) : NULL;
      const char *new_value = has_entry ? entry_value (after, new_presence, offline) : NULL;
      g_autofree char *path = NULL;
      g_autofree char *name = NULL;
      g_autofree char *description = NULL;
      PbChangeKind kind;

      if (had_entry == has_entry && g_strcmp0 (old_presence, new_presence) == 0)
        continue;

      path = g_strconcat ("stateToPresence.", state_id, NULL);
      name = pb_configuration_dup_state_display_name (pb_configuration_lookup_state (after, state_id) ? after : before,
                                                      state_id);

      if (!had_entry)
        {
          kind = PB_CHANGE_ADDED;
          if (new_presence == NULL)
            description = g_strdup_printf (_("Agent state %s now goes offline"), name);
          else
            description = g_strdup_printf (_("Agent state %s now shows “%s”"), name, new_value);
        }
      else if (!has_entry)
        {
          kind = PB_CHANGE_REMOVED;
          if (old_presence == NULL)
            description = g_strdup_printf (_("Agent state %s no longer has its own presence (it went offline)"),
                                           name);
          else
            description = g_strdup_printf (_("Agent state %s no longer has its own presence (it showed “%s”)"),
                                           name, old_value);
        }
      else
        {
          kind = PB_CHANGE_MODIFIED;
          if (old_presence == NULL)
            description = g_strdup_printf (_("Agent state %s now shows “%s” instead of going offline"),
                                           name, new_value);
          else if (new_presence == NULL)
            description = g_strdup_printf (_("Agent state %s now goes offline instead of showing “%s”"),
                                           name, old_value);
          else
            {
              /* Translators: a state name, the new presence label, the old one. */
              description = g_strdup_printf (_("Agent state %s now shows “%s” instead of “%s”"),
                                             name, new_value, old_value);
            }
        }

      add_change (changes, kind, path, old_value, new_value, description);
    }
}

static void
diff_switches (PbConfiguration *before,
               PbConfiguration *after,
               GPtrArray       *changes)
{
  gboolean old_revert = pb_configuration_get_revert_to_last_status (before);
  gboolean new_revert = pb_configuration_get_revert_to_last_status (after);
  const char *old_post_call = pb_configuration_get_agent_post_call_state (before);
  const char *new_post_call = pb_configuration_get_agent_post_call_state (after);

  if (old_revert != new_revert)
    add_change (changes, PB_CHANGE_MODIFIED, "revertToLastStatus",
                old_revert ? C_("switch", "On") : C_("switch", "Off"),
                new_revert ? C_("switch", "On") : C_("switch", "Off"),
                new_revert ? _("Revert to last status switched on") : _("Revert to last status switched off"));

  if (g_strcmp0 (old_post_call, new_post_call) != 0)
    {
      g_autofree char *old_name = pb_configuration_dup_state_display_name (before, old_post_call);
      g_autofree char *new_name = pb_configuration_dup_state_display_name (after, new_post_call);
      g_autofree char *description = NULL;

      description = g_strdup_printf (_("Agent Post Call State changed from %s to %s"), old_name, new_name);
      add_change (changes, PB_CHANGE_MODIFIED, "agentPostCallState", old_name, new_name, description);
    }
}

/**
 * pb_diff_configurations:
 *
 * Returns: (transfer full): a #GListModel of #PbChange: agent states, then
 *   presence statuses (each: removed items in the old order, then added and
 *   changed items in the new order), then presence → state and state →
 *   presence entries by key, then the two switches.
 */
static char *
dup_member_text (JsonObject *object,
                 const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  return node ? json_to_string (node, FALSE) : NULL;
}

/* Unknown top-level keys travel with the file (config-format.md), so a
 * change to one is a difference like any other. */
static void
diff_extra_keys (PbConfiguration *before,
                 PbConfiguration *after,
                 GPtrArray       *changes)
{
  JsonObject *old_extra = pb_configuration_get_extra (before);
  JsonObject *new_extra = pb_configuration_get_extra (after);
  g_autoptr(GPtrArray) old_keys = g_ptr_array_new ();
  g_autoptr(GPtrArray) new_keys = g_ptr_array_new ();
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GList) old_members = json_object_get_members (old_extra);
  g_autoptr(GList) new_members = json_object_get_members (new_extra);

  for (GList *l = old_members; l != NULL; l = l->next)
    g_ptr_array_add (old_keys, l->data);
  for (GList *l = new_members; l != NULL; l = l->next)
    g_ptr_array_add (new_keys, l->data);
  g_ptr_array_sort (old_keys, pb_compare_strings);
  g_ptr_array_sort (new_keys, pb_compare_strings);
  keys = merge_keys (old_keys, new_keys);

  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      g_autofree char *old_text = dup_member_text (old_extra, key);
      g_autofree char *new_text = dup_member_text (new_extra, key);
      g_autofree char *description = NULL;
      PbChangeKind kind;

      if (g_strcmp0 (old_text, new_text) == 0)
        continue;

      kind = old_text == NULL ? PB_CHANGE_ADDED : new_text == NULL ? PB_CHANGE_REMOVED : PB_CHANGE_MODIFIED;
      /* Translators: %s is a JSON key this version does not know */
      description = g_strdup_printf (_("Unknown key “%s” changed (kept as it is in the file)"), key);
      add_change (changes, kind, key, old_text, new_text, description);
    }
}

GListModel *
pb_diff_configurations (PbConfiguration *before,
                        PbConfiguration *after)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (g_object_unref);
  GListStore *store;

  g_return_val_if_fail (PB_IS_CONFIGURATION (before), NULL);
  g_return_val_if_fail (PB_IS_CONFIGURATION (after), NULL);

  diff_agent_states (before, after, changes);
  diff_presence_statuses (before, after, changes);
  diff_presence_mappings (before, after, changes);
  diff_state_mappings (before, after, changes);
  diff_switches (before, after, changes);
  diff_extra_keys (before, after, changes);

  store = g_list_store_new (PB_TYPE_CHANGE);
  g_list_store_splice (store, 0, 0, changes->pdata, changes->len);

  return G_LIST_MODEL (store);
}
