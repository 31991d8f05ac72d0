/* pb-checks.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-checks.h"

#include "pb-check-registry.h"

#include <glib/gi18n.h>
#include <string.h>

/*
 * The window runs the checks on every edit, on configurations with thousands
 * of statuses, so every check is one pass over a list or a mapping table with
 * hash lookups; what is asked about a state more than once (its kind, its
 * effective presence, its display name) is asked once per run and kept; and
 * paths and messages are formatted into two reused buffers.
 */

/* What the checks ask about one state id, each part worked out on first use. */
typedef struct
{
  const char *id;
  PbStateKind kind;
  PbResolution resolution;
  const char *presence;
  char *display_name;
  guint has_kind : 1;
  guint has_resolution : 1;
} StateInfo;

typedef struct
{
  PbConfiguration *config;
  GPtrArray *findings;
  GString *path;
  GString *message;
  /* Keys are borrowed from @config, which does not change during a run. */
  GHashTable *states; /* state id → StateInfo */
  GHashTable *quoted; /* long text → its bounded form, see quote() */
  /* pb_checks_count_errors(): nothing is built, errors are counted. */
  gboolean count_only;
  guint n_errors;
} Checks;

/* Salesforce's limits on a presence status (DeveloperName, MasterLabel). */
#define SALESFORCE_NAME_MAX_CHARS 80
/* The most of one text a message quotes. */
#define QUOTE_MAX_CHARS 60

static void
state_info_free (gpointer data)
{
  StateInfo *info = data;

  g_free (info->display_name);
  g_free (info);
}

static char *
dup_bounded (const char *text)
{
  glong length = g_utf8_strlen (text, -1);
  g_autofree char *start = NULL;

  if (length <= QUOTE_MAX_CHARS)
    return g_strdup (text);

  start = g_strndup (text, g_utf8_offset_to_pointer (text, QUOTE_MAX_CHARS) - text);
  /* Translators: the start of a long text, cut, then its length */
  return g_strdup_printf (ngettext ("%s… (%ld character)", "%s… (%ld characters)", length), start, length);
}

/* Text from the configuration, fit to quote in a message: one longer than
 * QUOTE_MAX_CHARS characters is cut there and given its length, so no
 * label or id can make a message long, or slow to build, sort or show.
 * Each long text is measured once per run. */
static const char *
quote (Checks     *checks,
       const char *text)
{
  char *bounded;

  if (text == NULL || strnlen (text, QUOTE_MAX_CHARS + 1) <= QUOTE_MAX_CHARS)
    return text;

  bounded = g_hash_table_lookup (checks->quoted, text);
  if (bounded == NULL)
    {
      bounded = dup_bounded (text);
      g_hash_table_insert (checks->quoted, (char *)text, bounded);
    }

  return bounded;
}

static StateInfo *
state_info (Checks     *checks,
            const char *state_id)
{
  StateInfo *info = g_hash_table_lookup (checks->states, state_id);

  if (info == NULL)
    {
      info = g_new0 (StateInfo, 1);
      info->id = state_id;
      g_hash_table_insert (checks->states, (char *)state_id, info);
    }

  return info;
}

static PbStateKind
state_kind (Checks    *checks,
            StateInfo *info)
{
  PbAgentState *state;
  PbAgentState *major = NULL;

  if (info->has_kind)
    return info->kind;

  /* A minor state means what its major means, so hundreds of minors cost one
   * classification of their major. */
  state = pb_configuration_lookup_state (checks->config, info->id);
  if (state != NULL && !pb_agent_state_is_major (state))
    major = pb_configuration_lookup_state (checks->config, pb_agent_state_get_major_id (state));

  if (major != NULL && pb_agent_state_is_major (major))
    info->kind = state_kind (checks, state_info (checks, pb_agent_state_get_id (major)));
  else
    info->kind = pb_configuration_get_state_kind (checks->config, info->id);
  info->has_kind = TRUE;

  return info->kind;
}

static PbResolution
resolve_state (Checks      *checks,
               StateInfo   *info,
               const char **presence)
{
  if (!info->has_resolution)
    {
      info->resolution = pb_configuration_resolve_state (checks->config, info->id, &info->presence);
      info->has_resolution = TRUE;
    }

  *presence = info->presence;
  return info->resolution;
}

static const char *
state_name (Checks    *checks,
            StateInfo *info)
{
  if (info->display_name == NULL)
    {
      g_autofree char *name = pb_configuration_dup_state_display_name (checks->config, info->id);

      info->display_name = dup_bounded (name);
    }

  return info->display_name;
}

/* Whether a finding of @code is built: asked before its message is
 * formatted, so that counting the errors formats none. */
static gboolean
reports (Checks     *checks,
         const char *code)
{
  const PbCheckInfo *info;

  if (!checks->count_only)
    return TRUE;

  info = pb_check_registry_lookup (code);
  g_assert (info != NULL);
  if (info->severity == PB_SEVERITY_ERROR)
    checks->n_errors++;

  return FALSE;
}

/* Takes the message from checks->message, and the severity from the
 * registry. */
static void
add_finding (Checks     *checks,
             const char *code,
             const char *path,
             PbSubject   subject,
             const char *subject_id)
{
  const PbCheckInfo *info = pb_check_registry_lookup (code);

  g_assert (info != NULL);
  g_ptr_array_add (checks->findings,
                   pb_finding_new (code, info->severity, path, checks->message->str, subject, subject_id));
}

/* A finding on a mapping entry: its path is "@member.@key". */
static void
add_entry_finding (Checks     *checks,
                   const char *code,
                   const char *member,
                   PbSubject   subject,
                   const char *key)
{
  g_string_printf (checks->path, "%s.%s", member, key);
  add_finding (checks, code, checks->path->str, subject, key);
}

static void
add_presence_finding (Checks     *checks,
                      const char *code,
                      const char *api_name)
{
  add_entry_finding (checks, code, "presenceToState", PB_SUBJECT_PRESENCE, api_name);
}

static void
add_state_finding (Checks     *checks,
                   const char *code,
                   const char *state_id)
{
  add_entry_finding (checks, code, "stateToPresence", PB_SUBJECT_STATE, state_id);
}

static void
add_indexed_finding (Checks     *checks,
                     const char *code,
                     const char *list,
                     guint       index,
                     const char *member,
                     PbSubject   subject,
                     const char *subject_id)
{
  g_string_printf (checks->path, "%s[%u].%s", list, index, member);
  add_finding (checks, code, checks->path->str, subject, subject_id);
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
      PbAgentState *first;
      const char *id = pb_agent_state_get_id (state);
      const char *major_id = pb_agent_state_get_major_id (state);

      /* Lookups return the first state of an id, so a later one is only
       * reported, and otherwise left alone. */
      first = pb_configuration_lookup_state (config, id);
      if (first != state)
        {
          if (reports (checks, PB_CHECK_DUPLICATE_ID))
            {
              /* Translators: the first %s is a state id, the others state names. */
              g_string_printf (checks->message, _("The agent state id “%s” is used twice: by %s and by %s"),
                               quote (checks, id), quote (checks, pb_agent_state_get_name (first)),
                               quote (checks, pb_agent_state_get_name (state)));
              add_indexed_finding (checks, PB_CHECK_DUPLICATE_ID, "agentStates", i, "id", PB_SUBJECT_STATE, id);
            }
          continue;
        }

      if (major_id == NULL)
        {
          if (state_kind (checks, state_info (checks, id)) != PB_STATE_KIND_LOGGED_OUT &&
              !pb_configuration_get_state_mapping (config, id, NULL) &&
              reports (checks, PB_CHECK_UNMAPPED_MAJOR_STATE))
            {
              g_string_printf (checks->message, _("The major state %s has no presence status: the configuration cannot be saved until it has one"),
                               quote (checks, pb_agent_state_get_name (state)));
              add_state_finding (checks, PB_CHECK_UNMAPPED_MAJOR_STATE, id);
            }
        }
      else if (pb_configuration_lookup_state (config, major_id) == NULL)
        {
          if (!reports (checks, PB_CHECK_UNKNOWN_STATE))
            continue;
          /* Translators: the first %s is a state name, the second a state id. */
          g_string_printf (checks->message, _("The agent state %s belongs to the major state %s, which is not in the account's list of states"),
                           quote (checks, pb_agent_state_get_name (state)), quote (checks, major_id));
          add_indexed_finding (checks, PB_CHECK_UNKNOWN_STATE, "agentStates", i, "major", PB_SUBJECT_STATE, id);
        }
      else if (!pb_configuration_get_state_mapping (config, id, NULL) &&
               reports (checks, PB_CHECK_MINOR_STATE_INHERITS))
        {
          g_string_printf (checks->message, _("The minor state %s has no presence of its own: it uses the mapping of %s"),
                           state_name (checks, state_info (checks, id)),
                           state_name (checks, state_info (checks, major_id)));
          add_state_finding (checks, PB_CHECK_MINOR_STATE_INHERITS, id);
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
      PbPresenceStatus *first;
      const char *api_name = pb_presence_status_get_api_name (status);
      const char *label = quote (checks, pb_presence_status_get_label (status));
      StateInfo *state;
      const char *round_trip = NULL;
      gboolean is_default;

      first = pb_configuration_lookup_presence (config, api_name);
      if (first != status)
        {
          if (reports (checks, PB_CHECK_DUPLICATE_ID))
            {
              /* Translators: the first %s is an API name, the others presence labels. */
              g_string_printf (checks->message, _("The presence status API name “%s” is used twice: by “%s” and by “%s”"),
                               quote (checks, api_name), quote (checks, pb_presence_status_get_label (first)), label);
              add_indexed_finding (checks, PB_CHECK_DUPLICATE_ID, "presenceStatuses", i, "apiName",
                                   PB_SUBJECT_PRESENCE, api_name);
            }
          continue;
        }

      state = state_info (checks, pb_configuration_resolve_presence (config, api_name, &is_default));

      if (is_default && reports (checks, PB_CHECK_DEFAULT_MAPPING_USED))
        {
          g_string_printf (checks->message, _("“%s” has no agent state of its own and sets %s (the default mapping)"),
                           label, state_name (checks, state));
          add_presence_finding (checks, PB_CHECK_DEFAULT_MAPPING_USED, api_name);
        }

      if (!pb_presence_status_is_online (status) &&
          state_kind (checks, state) == PB_STATE_KIND_READY &&
          reports (checks, PB_CHECK_BUSY_PRESENCE_TO_READY))
        {
          if (is_default)
            g_string_printf (checks->message, _("“%s” has no service channel, so Salesforce considers the agent busy, yet it sets %s by default: the platform offers calls to a busy agent"),
                             label, state_name (checks, state));
          else
            g_string_printf (checks->message, _("“%s” has no service channel, so Salesforce considers the agent busy, yet it sets %s: the platform offers calls to a busy agent"),
                             label, state_name (checks, state));
          add_presence_finding (checks, PB_CHECK_BUSY_PRESENCE_TO_READY, api_name);
        }

      /* A state without any mapping is unmapped_major_state's business. */
      if (resolve_state (checks, state, &round_trip) != PB_RESOLUTION_NONE &&
          g_strcmp0 (round_trip, api_name) != 0 &&
          reports (checks, PB_CHECK_ROUND_TRIP_MISMATCH))
        {
          if (round_trip == NULL)
            {
              /* Translators: a presence label, then a state name. */
              g_string_printf (checks->message, _("The round trip does not come back: “%s” → %s → offline. The agent is taken offline at the next state change."),
                               label, state_name (checks, state));
            }
          else
            {
              /* Translators: a presence label, a state name, another presence label. */
              g_string_printf (checks->message, _("The round trip does not come back: “%s” → %s → “%s”. The agent's choice is replaced at the next state change."),
                               label, state_name (checks, state),
                               quote (checks, pb_configuration_get_presence_label (config, round_trip)));
            }
          add_presence_finding (checks, PB_CHECK_ROUND_TRIP_MISMATCH, api_name);
        }
    }
}

typedef enum
{
  NAME_VALID,
  NAME_BAD_CHARACTER,
  NAME_FIRST_NOT_LETTER,
  NAME_DOUBLE_UNDERSCORE,
  NAME_TRAILING_UNDERSCORE,
  NAME_TOO_LONG,
} NameProblem;

/* Salesforce's rules for a DeveloperName: letters, digits and underscores
 * (ASCII), a letter first, no two underscores in a row, none at the end, at
 * most 80 characters. One pass; the first rule broken is the one named. */
static NameProblem
developer_name_problem (const char *name)
{
  gsize length = 0;

  for (const char *p = name; *p != '\0'; p++, length++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return NAME_BAD_CHARACTER;

  if (!g_ascii_isalpha (name[0]))
    return NAME_FIRST_NOT_LETTER;
  if (strstr (name, "__") != NULL)
    return NAME_DOUBLE_UNDERSCORE;
  if (name[length - 1] == '_')
    return NAME_TRAILING_UNDERSCORE;
  if (length > SALESFORCE_NAME_MAX_CHARS)
    return NAME_TOO_LONG;

  return NAME_VALID;
}

static gboolean
exceeds_salesforce_length (const char *text)
{
  /* Bytes bound characters from above: most texts need no counting. */
  return strnlen (text, SALESFORCE_NAME_MAX_CHARS + 1) > SALESFORCE_NAME_MAX_CHARS &&
         g_utf8_strlen (text, -1) > SALESFORCE_NAME_MAX_CHARS;
}

/* What comes from Salesforce keeps Salesforce's limits; a file that breaks
 * them was not exported from an org. */
static void
check_salesforce_limits (Checks *checks)
{
  PbConfiguration *config = checks->config;
  GListModel *statuses = pb_configuration_get_presence_statuses (config);
  guint n = g_list_model_get_n_items (statuses);
  /* API name in lower case → the first status's API name */
  g_autoptr(GHashTable) folded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbPresenceStatus) status = g_list_model_get_item (statuses, i);
      const char *api_name = pb_presence_status_get_api_name (status);
      const char *label = pb_presence_status_get_label (status);
      const char *first_spelling;
      NameProblem problem;
      char *lower;

      if (exceeds_salesforce_length (label) && reports (checks, PB_CHECK_LABEL_TOO_LONG))
        {
          /* Translators: an API name, then the start of a long label and its length */
          g_string_printf (checks->message, _("The label of %s is longer than the 80 characters Salesforce allows: “%s”"),
                           quote (checks, api_name), quote (checks, label));
          add_indexed_finding (checks, PB_CHECK_LABEL_TOO_LONG, "presenceStatuses", i, "label",
                               PB_SUBJECT_PRESENCE, api_name);
        }

      /* A second status of the same API name is duplicate_id's business. */
      if (pb_configuration_lookup_presence (config, api_name) != status)
        continue;

      problem = developer_name_problem (api_name);
      if (problem != NAME_VALID && !reports (checks, PB_CHECK_INVALID_API_NAME))
        problem = NAME_VALID;
      switch (problem)
        {
        case NAME_BAD_CHARACTER:
          g_string_printf (checks->message, _("The API name “%s” is not a Salesforce API name: it may hold only letters (A–Z), digits and underscores"),
                           quote (checks, api_name));
          break;
        case NAME_FIRST_NOT_LETTER:
          g_string_printf (checks->message, _("The API name “%s” is not a Salesforce API name: it must begin with a letter"),
                           quote (checks, api_name));
          break;
        case NAME_DOUBLE_UNDERSCORE:
          g_string_printf (checks->message, _("The API name “%s” is not a Salesforce API name: it may not contain two underscores in a row"),
                           quote (checks, api_name));
          break;
        case NAME_TRAILING_UNDERSCORE:
          g_string_printf (checks->message, _("The API name “%s” is not a Salesforce API name: it may not end with an underscore"),
                           quote (checks, api_name));
          break;
        case NAME_TOO_LONG:
          g_string_printf (checks->message, _("The API name “%s” is longer than the 80 characters Salesforce allows"),
                           quote (checks, api_name));
          break;
        case NAME_VALID:
        default:
          g_string_truncate (checks->message, 0);
        }
      if (checks->message->len > 0)
        add_indexed_finding (checks, PB_CHECK_INVALID_API_NAME, "presenceStatuses", i, "apiName",
                             PB_SUBJECT_PRESENCE, api_name);

      /* Salesforce keeps DeveloperNames unique regardless of case. */
      lower = g_ascii_strdown (api_name, -1);
      first_spelling = g_hash_table_lookup (folded, lower);
      if (first_spelling != NULL)
        {
          g_free (lower);
          if (!reports (checks, PB_CHECK_API_NAME_CASE_CONFLICT))
            continue;
          /* Translators: two API names */
          g_string_printf (checks->message, _("The API names “%s” and “%s” differ only in letter case: Salesforce takes them for the same name"),
                           quote (checks, first_spelling), quote (checks, api_name));
          add_indexed_finding (checks, PB_CHECK_API_NAME_CASE_CONFLICT, "presenceStatuses", i, "apiName",
                               PB_SUBJECT_PRESENCE, api_name);
        }
      else
        g_hash_table_insert (folded, lower, (char *)api_name);
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
      StateInfo *info;
      const char *presence = NULL;
      PbPresenceStatus *status;
      PbResolution resolution;

      if (pb_configuration_lookup_state (config, id) != state)
        continue;

      info = state_info (checks, id);
      if (!is_busy_kind (state_kind (checks, info)))
        continue;

      resolution = resolve_state (checks, info, &presence);
      status = pb_configuration_lookup_presence (config, presence);
      if (status == NULL || !pb_presence_status_is_online (status) ||
          !reports (checks, PB_CHECK_ONLINE_PRESENCE_FOR_BUSY_STATE))
        continue;

      if (resolution == PB_RESOLUTION_INHERITED)
        {
          /* Translators: a state name, a presence label, the major state's name. */
          g_string_printf (checks->message, _("The agent state %s inherits “%s” from %s, which is online: Salesforce offers work to an agent who is busy, away or wrapping up"),
                           state_name (checks, info), quote (checks, pb_presence_status_get_label (status)),
                           state_name (checks, state_info (checks, pb_agent_state_get_major_id (state))));
        }
      else
        {
          g_string_printf (checks->message, _("The agent state %s shows “%s”, which is online: Salesforce offers work to an agent who is busy, away or wrapping up"),
                           state_name (checks, info), quote (checks, pb_presence_status_get_label (status)));
        }
      add_state_finding (checks, PB_CHECK_ONLINE_PRESENCE_FOR_BUSY_STATE, id);
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

      if (pb_configuration_lookup_presence (config, api_name) == NULL &&
          reports (checks, PB_CHECK_UNKNOWN_PRESENCE))
        {
          /* Translators: an API name, then a state name. */
          g_string_printf (checks->message, _("The presence status %s is mapped to %s but is not in the org's list of presence statuses"),
                           quote (checks, api_name), state_name (checks, state_info (checks, state_id)));
          add_presence_finding (checks, PB_CHECK_UNKNOWN_PRESENCE, api_name);
        }

      if (pb_configuration_lookup_state (config, state_id) == NULL &&
          reports (checks, PB_CHECK_UNKNOWN_STATE))
        {
          /* Translators: a presence label, then a state id. */
          g_string_printf (checks->message, _("“%s” is mapped to the agent state %s, which is not in the account's list of states"),
                           quote (checks, pb_configuration_get_presence_label (config, api_name)),
                           quote (checks, state_id));
          add_presence_finding (checks, PB_CHECK_UNKNOWN_STATE, api_name);
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

      pb_configuration_get_state_mapping (config, state_id, &api_name);

      if (pb_configuration_lookup_state (config, state_id) == NULL &&
          reports (checks, PB_CHECK_UNKNOWN_STATE))
        {
          g_string_printf (checks->message, _("There is a presence mapping for the agent state %s, which is not in the account's list of states"),
                           quote (checks, state_id));
          add_state_finding (checks, PB_CHECK_UNKNOWN_STATE, state_id);
        }

      if (api_name != NULL && pb_configuration_lookup_presence (config, api_name) == NULL &&
          reports (checks, PB_CHECK_UNKNOWN_PRESENCE))
        {
          /* Translators: a state name, then an API name. */
          g_string_printf (checks->message, _("The agent state %s is mapped to the presence status %s, which is not in the org's list of presence statuses"),
                           state_name (checks, state_info (checks, state_id)), quote (checks, api_name));
          add_state_finding (checks, PB_CHECK_UNKNOWN_PRESENCE, state_id);
        }
    }
}

static void
check_switches (Checks *checks)
{
  PbConfiguration *config = checks->config;
  const char *post_call = pb_configuration_get_agent_post_call_state (config);
  StateInfo *info = state_info (checks, post_call);
  PbStateKind kind = state_kind (checks, info);

  if (pb_configuration_lookup_state (config, post_call) == NULL &&
      reports (checks, PB_CHECK_UNKNOWN_STATE))
    {
      g_string_printf (checks->message, _("Agent Post Call State is %s, which is not in the account's list of states"),
                       quote (checks, post_call));
      add_finding (checks, PB_CHECK_UNKNOWN_STATE, "agentPostCallState",
                   PB_SUBJECT_SWITCHES, "agentPostCallState");
    }

  if (pb_configuration_get_revert_to_last_status (config) &&
      kind != PB_STATE_KIND_READY && kind != PB_STATE_KIND_READY_OFFLINE &&
      reports (checks, PB_CHECK_REVERT_INEFFECTIVE))
    {
      g_string_printf (checks->message, _("Revert to last status has no effect while Agent Post Call State is %s: agents always get the presence mapped to that state"),
                       state_name (checks, info));
      add_finding (checks, PB_CHECK_REVERT_INEFFECTIVE, "revertToLastStatus",
                   PB_SUBJECT_SWITCHES, "revertToLastStatus");
    }
}

/* Byte order, like the keys of the file's mapping objects, except that list
 * indices compare by value: "agentStates[10]" sorts after "agentStates[9]". */
static int
compare_paths (const char *a,
               const char *b,
               gboolean    indexed)
{
  int result = strcmp (a, b);
  gsize i = 0;
  gsize start;
  gsize length_a, length_b;

  if (result == 0 || !indexed)
    return result;

  while (a[i] == b[i])
    i++;
  for (start = i; start > 0 && g_ascii_isdigit (a[start - 1]); start--)
    ;
  if (start == 0 || a[start - 1] != '[')
    return result;

  length_a = strspn (a + start, "0123456789");
  length_b = strspn (b + start, "0123456789");
  if (length_a != length_b)
    return length_a < length_b ? -1 : 1;

  return result;
}

typedef struct
{
  PbSeverity severity;
  const char *path;
  const char *code;
  const char *message;
  gboolean indexed;
  PbFinding *finding;
} SortKey;

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  const SortKey *key_a = *(const SortKey * const *)a;
  const SortKey *key_b = *(const SortKey * const *)b;
  int result;

  if (key_a->severity != key_b->severity)
    return key_a->severity < key_b->severity ? -1 : 1;

  result = compare_paths (key_a->path, key_b->path, key_a->indexed && key_b->indexed);
  if (result == 0)
    result = strcmp (key_a->code, key_b->code);
  if (result == 0)
    result = strcmp (key_a->message, key_b->message);

  return result;
}

/* The keys are read once, and pointers to them sorted: cheaper than calling
 * getters or moving whole keys in every comparison. */
static void
sort_findings (GPtrArray *findings)
{
  g_autofree SortKey *keys = g_new (SortKey, findings->len);
  g_autofree SortKey **order = g_new (SortKey *, findings->len);

  for (guint i = 0; i < findings->len; i++)
    {
      PbFinding *finding = g_ptr_array_index (findings, i);

      keys[i].severity = pb_finding_get_severity (finding);
      keys[i].path = pb_finding_get_path (finding);
      keys[i].code = pb_finding_get_code (finding);
      keys[i].message = pb_finding_get_message (finding);
      keys[i].indexed = strchr (keys[i].path, '[') != NULL;
      keys[i].finding = finding;
      order[i] = &keys[i];
    }

  qsort (order, findings->len, sizeof (SortKey *), compare_keys);

  for (guint i = 0; i < findings->len; i++)
    g_ptr_array_index (findings, i) = order[i]->finding;
}

static void
run_checks (Checks          *checks,
            PbConfiguration *configuration,
            GPtrArray       *findings)
{
  checks->config = configuration;
  checks->findings = findings;
  checks->path = g_string_sized_new (128);
  checks->message = g_string_sized_new (256);
  checks->states = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, state_info_free);
  checks->quoted = g_hash_table_new_full (NULL, NULL, NULL, g_free);

  check_agent_states (checks);
  check_presence_statuses (checks);
  check_salesforce_limits (checks);
  check_busy_states (checks);
  check_presence_mappings (checks);
  check_state_mappings (checks);
  check_switches (checks);

  g_string_free (checks->path, TRUE);
  g_string_free (checks->message, TRUE);
  g_hash_table_unref (checks->states);
  g_hash_table_unref (checks->quoted);
}

/**
 * pb_checks_run:
 *
 * Returns: (transfer full): a #GListStore of #PbFinding
 */
GListModel *
pb_checks_run (PbConfiguration *configuration)
{
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  GListStore *store;
  Checks checks = { .count_only = FALSE };

  g_return_val_if_fail (PB_IS_CONFIGURATION (configuration), NULL);

  run_checks (&checks, configuration, findings);
  sort_findings (findings);

  /* One splice, not thousands of appends: a bound view updates once. */
  store = g_list_store_new (PB_TYPE_FINDING);
  g_list_store_splice (store, 0, 0, findings->pdata, findings->len);

  return G_LIST_MODEL (store);
}

/**
 * pb_checks_count_errors:
 *
 * The number of errors pb_checks_run() finds, for a caller that needs no
 * more (an import says how many): no finding and no message is built.
 */
guint
pb_checks_count_errors (PbConfiguration *configuration)
{
  Checks checks = { .count_only = TRUE };

  g_return_val_if_fail (PB_IS_CONFIGURATION (configuration), 0);

  run_checks (&checks, configuration, NULL);

  return checks.n_errors;
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
