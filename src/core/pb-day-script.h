/* pb-day-script.h: an agent's day, as a list of events to simulate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-configuration.h"

G_BEGIN_DECLS

#define PB_DAY_SCRIPT_FORMAT     "presence-bridge-day"
#define PB_DAY_SCRIPT_VERSION    1
#define PB_DAY_SCRIPT_MAX_SIZE   (4 * 1024 * 1024)
#define PB_DAY_SCRIPT_MAX_DEPTH  16
#define PB_DAY_SCRIPT_MAX_EVENTS 50000

/* The names of the built-in days (docs/simulation.md). */
#define PB_DAY_SCRIPT_DEFAULT      "default"
#define PB_DAY_SCRIPT_EVERY_STATUS "every-status"

/* What happens to the agent; the names in the file are in
 * docs/simulation-format.md. */
typedef enum
{
  PB_DAY_EVENT_LOG_IN,        /* logs in to ContactPad */
  PB_DAY_EVENT_LOG_OUT,       /* logs out of ContactPad */
  PB_DAY_EVENT_GO_OFFLINE,    /* goes offline in Omni-Channel */
  PB_DAY_EVENT_PICK_PRESENCE, /* picks a presence status (subject: API name) */
  PB_DAY_EVENT_STATE_CHANGE,  /* ContactPad state becomes a state (subject: state id) */
  PB_DAY_EVENT_CALL,          /* a call starts (a direction) */
  PB_DAY_EVENT_CHAT,          /* Salesforce assigns a chat */
  PB_DAY_EVENT_WRAP_UP,       /* the call ends: wrap-up */
  PB_DAY_EVENT_POST_CALL,     /* the interaction and its wrap time end */
} PbDayEventType;

typedef enum
{
  PB_CALL_INBOUND,
  PB_CALL_OUTBOUND,
  PB_CALL_EXTERNAL,
} PbCallDirection;

#define PB_TYPE_DAY_EVENT_TYPE (pb_day_event_type_get_type ())
#define PB_TYPE_CALL_DIRECTION (pb_call_direction_get_type ())

GType        pb_day_event_type_get_type        (void) G_GNUC_CONST;
GType        pb_call_direction_get_type        (void) G_GNUC_CONST;

/* The stable names of the file format: "pick-presence", "inbound". */
const char  *pb_day_event_type_to_string       (PbDayEventType   type);
const char  *pb_call_direction_to_string       (PbCallDirection  direction);

#define PB_TYPE_DAY_SCRIPT (pb_day_script_get_type ())

G_DECLARE_FINAL_TYPE (PbDayScript, pb_day_script, PB, DAY_SCRIPT, GObject)

PbDayScript     *pb_day_script_new                 (const char       *name);
/* A typical agent's day on @configuration's own statuses and states, and a
 * sweep that picks every presence status and enters every agent state once. */
PbDayScript     *pb_day_script_new_default         (PbConfiguration  *configuration);
PbDayScript     *pb_day_script_new_every_status    (PbConfiguration  *configuration);

/* Parsing never crashes on any input. Errors are PB_ERROR_INVALID_FILE (with
 * "line:column" or the JSON path in the message) or
 * PB_ERROR_UNSUPPORTED_VERSION. The name is the file's "name", else (for a
 * path) the file's base name. */
PbDayScript     *pb_day_script_load_bytes          (GBytes           *bytes,
                                                    GError          **error);
PbDayScript     *pb_day_script_load_path           (const char       *path,
                                                    GError          **error);

/* PB_ERROR_INVALID_FILE naming the first event (its JSON path) whose
 * presence status or agent state @configuration does not have. */
gboolean         pb_day_script_check_references    (PbDayScript      *self,
                                                    PbConfiguration  *configuration,
                                                    GError          **error);

const char      *pb_day_script_get_name            (PbDayScript      *self);
/* @subject: the API name for PICK_PRESENCE, the state id for STATE_CHANGE,
 * NULL for the others (calls use pb_day_script_append_call()). */
void             pb_day_script_append              (PbDayScript      *self,
                                                    PbDayEventType    type,
                                                    const char       *subject);
void             pb_day_script_append_call         (PbDayScript      *self,
                                                    PbCallDirection   direction);

guint            pb_day_script_get_n_events        (PbDayScript      *self);
PbDayEventType   pb_day_script_get_event_type      (PbDayScript      *self,
                                                    guint             index);
const char      *pb_day_script_get_event_subject   (PbDayScript      *self,
                                                    guint             index);
PbCallDirection  pb_day_script_get_call_direction  (PbDayScript      *self,
                                                    guint             index);

G_END_DECLS
