/* pb-checks.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-checks.h"

#include <glib/gi18n.h>
#include <string.h>

/*
 * The window runs the checks on every edit, on configurations with thousands
 * of statuses, so every check is one pass over a list or a mapping table with
 * hash lookups, and what is asked of the configuration more than once per
 * state (its kind, its effective presence) is asked once and remembered.
 */

typedef struct
{
  PbResolution resolution;
  const char *presence;
} Resolved;

typedef struct
{
  PbConfiguration *config;
  GPtrArray *findings;
  /* Keys are borrowed from @config, which does not change during a run. */
  GHashTable *kinds;    /* state id → PbStateKind + 1 */
  GHashTable *resolved; /* state id → Resolved */
} Checks;

static PbStateKind
state_kind (Checks     *checks,
            const char *state_id)
{
  gpointer cached = g_hash_table_lookup (checks->kinds, state_id);
  PbStateKind kind;

  if (cached != NULL)
    return GPOINTER_TO_INT (cached) - 1;

  kind = pb_configuration_get_state_kind (checks->config, state_id);
  g_hash_table_insert (checks->kinds, (char *)state_id, GINT_TO_POINTER (kind + 1));
  return kind;
}

static PbResolution
resolve_state (Checks      *checks,
               const char  *state_id,
               const char **presence)
{
  Resolved *resolved = g_hash_table_lookup (checks->resolved, state_id);

  if (resolved == NULL)
    {
      resolved = g_new0 (Resolved, 1);
      resolved->resolution = pb_configuration_resolve_state (checks->config, state_id,
                                                             &resolved->presence);
      g_hash_table_insert (checks->resolved, (char *)state_id, resolved);
    }

  *presence = resolved->presence;
  return resolved->resolution;
}

static const char *
presence_label (PbConfiguration *config,
                const char      *api_name)
{
  PbPresenceStatus *status = pb_configuration_lookup_presence (config, api_name);

  return status != NULL ? pb_presence_status_get_label (status) : api_name;
}

static void
add_finding (Checks     *checks,
             const char *code,
             PbSeverity  severity,
             const char *path,
             const char *message,
             PbSubject   subject,
             const char *subject_id)
{
  g_ptr_array_add (checks->findings,
                   pb_finding_new (code, severity, path, message, subject, subject_id));
}

static void
add_presence_finding (Checks     *checks,
                      const char *code,
                      PbSeverity  severity,
                      const char *api_name,
                      const char *message)
{
  g_autofree char *path = g_strconcat ("presenceToState.", api_name, NULL);

  add_finding (checks, code, severity, path, message, PB_SUBJECT_PRESENCE, api_name);
}

static void
add_state_finding (Checks     *checks,
                   const char *code,
                   PbSeverity  severity,
                   const char *state_id,
                   const char *message)
{
  g_autofree char *path = g_strconcat ("stateToPresence.", state_id, NULL);

  add_finding (checks, code, severity, path, message, PB_SUBJECT_STATE, state_id);
}

/* Only the first item of an id counts as the state: lookups return it, and
 * a later one is reported as a duplicate and otherwise ignored. */
static gboolean
is_first_state (PbConfiguration *config,
                PbAgentState    *state)
{
  return pb_configuration_lookup_state (config, pb_agent_state_get_id (state)) == state;
}

static gboolean
is_first_presence (PbConfiguration  *config,
                   PbPresenceStatus *status)
{
  return pb_configuration_lookup_presence (config, pb_presence_status_get_api_name (status)) == status;
}

static void
check_agent_states (Checks *checks)
{
  PbConfiguration *config = checks->config;
  GListModel *states = pb_configuration_get_agent_states (config);
  guint n = g_list_model_get_n_items (states);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbAgentState) state = g_list_model_get_item (states, i);
      const char *id = pb_agent_state_get_id (state);
      const char *major_id = pb_agent_state_get_major_id (state);

      if (!is_first_state (config, state))
        {
          PbAgentState *first = pb_configuration_lookup_state (config, id);
          g_autofree char *path = g_strdup_printf ("agentStates[%u].id", i);
          g_autofree char *message = NULL;

          /* Translators: the first %s is a state id, the others state names. */
          message = g_strdup_printf (_("The agent state id “%s” is used twice: by %s and by %s"),
                                     id, pb_agent_state_get_name (first),
                                     pb_agent_state_get_name (state));
          add_finding (checks, PB_CHECK_DUPLICATE_ID, PB_SEVERITY_ERROR, path, message,
                       PB_SUBJECT_STATE, id);
          continue;
        }

      if (major_id == NULL)
        {
          if (state_kind (checks, id) != PB_STATE_KIND_LOGGED_OUT &&
              !pb_configuration_get_state_mapping (config, id, NULL))
            {
              g_autofree char *message = NULL;

              message = g_strdup_printf (_("The major state %s has no presence status: the configuration cannot be saved until it has one"),
                                         pb_agent_state_get_name (state));
              add_state_finding (checks, PB_CHECK_UNMAPPED_MAJOR_STATE, PB_SEVERITY_ERROR, id, message);
            }
        }
      else if (pb_configuration_lookup_state (config, major_id) == NULL)
        {
          g_autofree char *path = g_strdup_printf ("agentStates[%u].major", i);
          g_autofree char *message = NULL;

          /* Translators: the first %s is a state name, the second a state id. */
          message = g_strdup_printf (_("The agent state %s belongs to the major state %s, which is not in the account's list of states"),
                                     pb_agent_state_get_name (state), major_id);
          add_finding (checks, PB_CHECK_UNKNOWN_STATE, PB_SEVERITY_ERROR, path, message,
                       PB_SUBJECT_STATE, id);
        }
      else if (!pb_configuration_get_state_mapping (config, id, NULL))
        {
          g_autofree char *name = pb_configuration_dup_state_display_name (config, id);
          g_autofree char *major_name = pb_configuration_dup_state_display_name (config, major_id);
          g_autofree char *message = NULL;

          message = g_strdup_printf (_("The minor state %s has no presence of its own: it uses the mapping of %s"),
                                     name, major_name);
          add_state_finding (checks, PB_CHECK_MINOR_STATE_INHERITS, PB_SEVERITY_INFO, id, message);
        }
    }
}

static void
check_presence_statuses (Checks *checks)
{
  PbConfiguration *config = checks->config;
  GListModel *statuses = pb_configuration_get_presence_statuses (config);
  guint n = g_list_model_get_n_items (statuses);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbPresenceStatus) status = g_list_model_get_item (statuses, i);
      const char *api_name = pb_presence_status_get_api_name (status);
      const char *label = pb_presence_status_get_label (status);
      const char *state_id;
      const char *round_trip = NULL;
      g_autofree char *state_name = NULL;
      gboolean is_default;

      if (!is_first_presence (config, status))
        {
          PbPresenceStatus *first = pb_configuration_lookup_presence (config, api_name);
          g_autofree char *path = g_strdup_printf ("presenceStatuses[%u].apiName", i);
          g_autofree char *message = NULL;

          /* Translators: the first %s is an API name, the others presence labels. */
          message = g_strdup_printf (_("The presence status API name “%s” is used twice: by “%s” and by “%s”"),
                                     api_name, pb_presence_status_get_label (first), label);
          add_finding (checks, PB_CHECK_DUPLICATE_ID, PB_SEVERITY_ERROR, path, message,
                       PB_SUBJECT_PRESENCE, api_name);
          continue;
        }

      state_id = pb_configuration_resolve_presence (config, api_name, &is_default);
      state_name = pb_configuration_dup_state_display_name (config, state_id);

      if (is_default)
        {
          g_autofree char *message = NULL;

          message = g_strdup_printf (_("“%s” has no agent state of its own and sets %s (the default mapping)"),
                                     label, state_name);
          add_presence_finding (checks, PB_CHECK_DEFAULT_MAPPING_USED, PB_SEVERITY_INFO, api_name, message);
        }

      if (!pb_presence_status_is_online (status) &&
          state_kind (checks, state_id) == PB_STATE_KIND_READY)
        {
          g_autofree char *message = NULL;

          if (is_default)
            message = g_strdup_printf (_("“%s” has no service channel, so Salesforce considers the agent busy, yet it sets %s by default: the platform offers calls to a busy agent"),
                                       label, state_name);
          else
            message = g_strdup_printf (_("“%s” has no service channel, so Salesforce considers the agent busy, yet it sets %s: the platform offers calls to a busy agent"),
                                       label, state_name);
          add_presence_finding (checks, PB_CHECK_BUSY_PRESENCE_TO_READY, PB_SEVERITY_WARNING, api_name, message);
        }

      /* A state without any mapping is unmapped_major_state's business. */
      if (resolve_state (checks, state_id, &round_trip) != PB_RESOLUTION_NONE &&
          g_strcmp0 (round_trip, api_name) != 0)
        {
          g_autofree char *message = NULL;

          if (round_trip == NULL)
            {
              /* Translators: a presence label, then a state name. */
              message = g_strdup_printf (_("The round trip does not come back: “%s” → %s → offline. The agent is taken offline at the next state change."),
                                         label, state_name);
            }
          else
            {
              /* Translators: a presence label, a state name, another presence label. */
              message = g_strdup_printf (_("The round trip does not come back: “%s” → %s → “%s”. The agent's choice is replaced at the next state change."),
                                         label, state_name, presence_label (config, round_trip));
            }
          add_presence_finding (checks, PB_CHECK_ROUND_TRIP_MISMATCH, PB_SEVERITY_WARNING, api_name, message);
        }
    }
}

static gboolean
is_busy_kind (PbStateKind kind)
{
  return kind == PB_STATE_KIND_BUSY || kind == PB_STATE_KIND_AWAY || kind == PB_STATE_KIND_WRAP;
}

static void
check_busy_states (Checks *checks)
{
  PbConfiguration *config = checks->config;
  GListModel *states = pb_configuration_get_agent_states (config);
  guint n = g_list_model_get_n_items (states);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbAgentState) state = g_list_model_get_item (states, i);
      const char *id = pb_agent_state_get_id (state);
      const char *presence = NULL;
      PbPresenceStatus *status;
      PbResolution resolution;
      g_autofree char *name = NULL;
      g_autofree char *message = NULL;

      if (!is_first_state (config, state) || !is_busy_kind (state_kind (checks, id)))
        continue;

      resolution = resolve_state (checks, id, &presence);
      status = pb_configuration_lookup_presence (config, presence);
      if (status == NULL || !pb_presence_status_is_online (status))
        continue;

      name = pb_configuration_dup_state_display_name (config, id);
      if (resolution == PB_RESOLUTION_INHERITED)
        {
          g_autofree char *major_name = NULL;

          major_name = pb_configuration_dup_state_display_name (config, pb_agent_state_get_major_id (state));
          /* Translators: a state name, a presence label, the major state's name. */
          message = g_strdup_printf (_("The agent state %s inherits “%s” from %s, which is online: Salesforce offers work to an agent who is busy, away or wrapping up"),
                                     name, pb_presence_status_get_label (status), major_name);
        }
      else
        {
          message = g_strdup_printf (_("The agent state %s shows “%s”, which is online: Salesforce offers work to an agent who is busy, away or wrapping up"),
                                     name, pb_presence_status_get_label (status));
        }
      add_state_finding (checks, PB_CHECK_ONLINE_PRESENCE_FOR_BUSY_STATE, PB_SEVERITY_WARNING, id, message);
    }
}

static void
check_presence_mappings (Checks *checks)
{
  PbConfiguration *config = checks->config;
  g_autoptr(GPtrArray) keys = pb_configuration_list_presence_mappings (config);

  for (guint i = 0; i < keys->len; i++)
    {
      const char *api_name = g_ptr_array_index (keys, i);
      const char *state_id = pb_configuration_get_presence_mapping (config, api_name);
      const char *label = presence_label (config, api_name);

      if (pb_configuration_lookup_presence (config, api_name) == NULL)
        {
          g_autofree char *state_name = pb_configuration_dup_state_display_name (config, state_id);
          g_autofree char *message = NULL;

          /* Translators: an API name, then a state name. */
          message = g_strdup_printf (_("The presence status %s is mapped to %s but is not in the org's list of presence statuses"),
                                     api_name, state_name);
          add_presence_finding (checks, PB_CHECK_UNKNOWN_PRESENCE, PB_SEVERITY_ERROR, api_name, message);
        }

      if (pb_configuration_lookup_state (config, state_id) == NULL)
        {
          g_autofree char *message = NULL;

          /* Translators: a presence label, then a state id. */
          message = g_strdup_printf (_("“%s” is mapped to the agent state %s, which is not in the account's list of states"),
                                     label, state_id);
          add_presence_finding (checks, PB_CHECK_UNKNOWN_STATE, PB_SEVERITY_ERROR, api_name, message);
        }
    }
}

static void
check_state_mappings (Checks *checks)
{
  PbConfiguration *config = checks->config;
  g_autoptr(GPtrArray) keys = pb_configuration_list_state_mappings (config);

  for (guint i = 0; i < keys->len; i++)
    {
      const char *state_id = g_ptr_array_index (keys, i);
      const char *api_name = NULL;
      g_autofree char *state_name = NULL;

      pb_configuration_get_state_mapping (config, state_id, &api_name);
      state_name = pb_configuration_dup_state_display_name (config, state_id);

      if (pb_configuration_lookup_state (config, state_id) == NULL)
        {
          g_autofree char *message = NULL;

          message = g_strdup_printf (_("There is a presence mapping for the agent state %s, which is not in the account's list of states"),
                                     state_id);
          add_state_finding (checks, PB_CHECK_UNKNOWN_STATE, PB_SEVERITY_ERROR, state_id, message);
        }

      if (api_name != NULL && pb_configuration_lookup_presence (config, api_name) == NULL)
        {
          g_autofree char *message = NULL;

          /* Translators: a state name, then an API name. */
          message = g_strdup_printf (_("The agent state %s is mapped to the presence status %s, which is not in the org's list of presence statuses"),
                                     state_name, api_name);
          add_state_finding (checks, PB_CHECK_UNKNOWN_PRESENCE, PB_SEVERITY_ERROR, state_id, message);
        }
    }
}

static void
check_switches (Checks *checks)
{
  PbConfiguration *config = checks->config;
  const char *post_call = pb_configuration_get_agent_post_call_state (config);
  g_autofree char *post_call_name = pb_configuration_dup_state_display_name (config, post_call);
  PbStateKind kind = state_kind (checks, post_call);

  if (pb_configuration_lookup_state (config, post_call) == NULL)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("Agent Post Call State is %s, which is not in the account's list of states"),
                                 post_call);
      add_finding (checks, PB_CHECK_UNKNOWN_STATE, PB_SEVERITY_ERROR, "agentPostCallState", message,
                   PB_SUBJECT_SWITCHES, "agentPostCallState");
    }

  if (pb_configuration_get_revert_to_last_status (config) &&
      kind != PB_STATE_KIND_READY && kind != PB_STATE_KIND_READY_OFFLINE)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("Revert to last status has no effect while Agent Post Call State is %s: agents always get the presence mapped to that state"),
                                 post_call_name);
      add_finding (checks, PB_CHECK_REVERT_INEFFECTIVE, PB_SEVERITY_WARNING, "revertToLastStatus", message,
                   PB_SUBJECT_SWITCHES, "revertToLastStatus");
    }
}

/* "agentStates[10]" sorts after "agentStates[9]": runs of digits compare as
 * numbers, everything else byte by byte. */
static int
compare_paths (const char *a,
               const char *b)
{
  while (*a != '\0' && *b != '\0')
    {
      if (g_ascii_isdigit (*a) && g_ascii_isdigit (*b))
        {
          const char *end_a, *end_b;
          int result;

          while (*a == '0' && g_ascii_isdigit (a[1]))
            a++;
          while (*b == '0' && g_ascii_isdigit (b[1]))
            b++;
          for (end_a = a; g_ascii_isdigit (*end_a); end_a++)
            ;
          for (end_b = b; g_ascii_isdigit (*end_b); end_b++)
            ;
          if (end_a - a != end_b - b)
            return end_a - a < end_b - b ? -1 : 1;
          result = strncmp (a, b, end_a - a);
          if (result != 0)
            return result;
          a = end_a;
          b = end_b;
        }
      else if (*a != *b)
        {
          return (guchar)*a < (guchar)*b ? -1 : 1;
        }
      else
        {
          a++;
          b++;
        }
    }

  return (guchar)*a - (guchar)*b;
}

static int
compare_findings (gconstpointer a,
                  gconstpointer b)
{
  PbFinding *finding_a = *(PbFinding * const *)a;
  PbFinding *finding_b = *(PbFinding * const *)b;
  PbSeverity severity_a = pb_finding_get_severity (finding_a);
  PbSeverity severity_b = pb_finding_get_severity (finding_b);
  int result;

  if (severity_a != severity_b)
    return severity_a < severity_b ? -1 : 1;

  result = compare_paths (pb_finding_get_path (finding_a), pb_finding_get_path (finding_b));
  if (result == 0)
    result = strcmp (pb_finding_get_code (finding_a), pb_finding_get_code (finding_b));
  if (result == 0)
    result = strcmp (pb_finding_get_message (finding_a), pb_finding_get_message (finding_b));

  return result;
}

/**
 * pb_checks_run:
 *
 * Returns: (transfer full): a #GListModel of #PbFinding
 */
GListModel *
pb_checks_run (PbConfiguration *configuration)
{
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  GListStore *store;
  Checks checks;

  g_return_val_if_fail (PB_IS_CONFIGURATION (configuration), NULL);

  checks.config = configuration;
  checks.findings = findings;
  checks.kinds = g_hash_table_new (g_str_hash, g_str_equal);
  checks.resolved = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  check_agent_states (&checks);
  check_presence_statuses (&checks);
  check_busy_states (&checks);
  check_presence_mappings (&checks);
  check_state_mappings (&checks);
  check_switches (&checks);

  g_hash_table_unref (checks.kinds);
  g_hash_table_unref (checks.resolved);

  g_ptr_array_sort (findings, compare_findings);

  /* One splice, not thousands of appends: a bound view updates once. */
  store = g_list_store_new (PB_TYPE_FINDING);
  g_list_store_splice (store, 0, 0, findings->pdata, findings->len);

  return G_LIST_MODEL (store);
}

guint
pb_checks_count (GListModel *findings,
                 PbSeverity  severity)
{
  guint n, count = 0;

  g_return_val_if_fail (G_IS_LIST_MODEL (findings), 0);

  n = g_list_model_get_n_items (findings);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbFinding) finding = g_list_model_get_item (findings, i);

      if (pb_finding_get_severity (finding) == severity)
        count++;
    }

  return count;
}
