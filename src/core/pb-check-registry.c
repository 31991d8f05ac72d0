/* pb-check-registry.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-check-registry.h"

#include <glib/gi18n.h>

#include "pb-checks.h"

/* The one place a check's severity is decided: pb-checks.c takes it from
 * here, so the window, the CLI and the documentation cannot disagree. */
static const PbCheckInfo checks[] = {
  { PB_CHECK_UNMAPPED_MAJOR_STATE, PB_SEVERITY_ERROR,
    N_("Major states without a presence"),
    N_("Every major agent state needs a presence status (or Offline). Choose one in the "
       "agent-state grid; minor states then follow their major unless they have their own.") },
  { PB_CHECK_UNKNOWN_STATE, PB_SEVERITY_ERROR,
    N_("Mappings to agent states that no longer exist"),
    N_("The account no longer has this agent state, usually after a fetch. Map the entry to a "
       "state that exists, or leave the presence on the default (Ready).") },
  { PB_CHECK_UNKNOWN_PRESENCE, PB_SEVERITY_ERROR,
    N_("Mappings to presence statuses that no longer exist"),
    N_("The org no longer has this presence status, usually after a fetch. Choose a status "
       "that exists, or Offline.") },
  { PB_CHECK_DUPLICATE_ID, PB_SEVERITY_ERROR,
    N_("Duplicate ids"),
    N_("Two agent states share an id, or two presence statuses an API name. Fix the file "
       "or fetch the lists again: the platform and Salesforce never send duplicates.") },
  { PB_CHECK_INVALID_API_NAME, PB_SEVERITY_ERROR,
    N_("API names that Salesforce would not accept"),
    N_("A presence status's API name is a Salesforce DeveloperName: letters, digits and single "
       "underscores, starting with a letter, at most 80 characters. Fetch the statuses from the org "
       "instead of writing them by hand.") },
  { PB_CHECK_API_NAME_CASE_CONFLICT, PB_SEVERITY_ERROR,
    N_("API names that differ only in letter case"),
    N_("Salesforce takes API names that differ only in letter case for the same name. Keep one "
       "of them, as the org has it.") },
  { PB_CHECK_LABEL_TOO_LONG, PB_SEVERITY_ERROR,
    N_("Labels longer than Salesforce allows"),
    N_("A presence status's label is at most 80 characters in Salesforce. Shorten it, or fetch "
       "the statuses from the org.") },
  { PB_CHECK_REVERT_INEFFECTIVE, PB_SEVERITY_WARNING,
    N_("Revert to last status has no effect"),
    N_("Revert to last status only works while Agent Post Call State is Ready or Ready "
       "(Offline). Switch it off, or change the post-call state in the platform's settings.") },
  { PB_CHECK_BUSY_PRESENCE_TO_READY, PB_SEVERITY_WARNING,
    N_("Busy presences that set Ready"),
    N_("A status with no service channel means busy to Salesforce, yet it makes the platform "
       "offer calls. Map it to a Busy or Away state.") },
  { PB_CHECK_ONLINE_PRESENCE_FOR_BUSY_STATE, PB_SEVERITY_WARNING,
    N_("Online presences for busy or away states"),
    N_("Salesforce routes work to an agent whom the platform has busy, wrapping up or away. "
       "Map the state to a presence with no service channel.") },
  { PB_CHECK_ROUND_TRIP_MISMATCH, PB_SEVERITY_WARNING,
    N_("Round trips that do not come back"),
    N_("The state a presence sets shows a different presence, so the agent's own choice is "
       "replaced at the next state change. Map the state back to the same presence, or accept "
       "it knowingly (Revert to last status exists for Ready).") },
  { PB_CHECK_DEFAULT_MAPPING_USED, PB_SEVERITY_INFO,
    N_("Presence statuses that set Ready by default"),
    N_("The status has no agent state of its own, so it sets Ready. Choose a state if Ready "
       "is not what you want.") },
  { PB_CHECK_MINOR_STATE_INHERITS, PB_SEVERITY_INFO,
    N_("Minor states that use their major state’s presence"),
    N_("The minor state has no presence of its own and shows its major state's. Choose one "
       "if it should differ.") },
};

const PbCheckInfo *
pb_check_registry_get_all (guint *n_checks)
{
  g_return_val_if_fail (n_checks != NULL, NULL);

  *n_checks = G_N_ELEMENTS (checks);
  return checks;
}

const PbCheckInfo *
pb_check_registry_lookup (const char *code)
{
  g_return_val_if_fail (code != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    if (g_str_equal (checks[i].code, code))
      return &checks[i];

  return NULL;
}

const char *
pb_check_info_get_title (const PbCheckInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);
  return _(info->title);
}

const char *
pb_check_info_get_advice (const PbCheckInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);
  return _(info->advice);
}

const char *
pb_check_registry_get_title (const char *code)
{
  const PbCheckInfo *info = pb_check_registry_lookup (code);

  return info != NULL ? pb_check_info_get_title (info) : code;
}
