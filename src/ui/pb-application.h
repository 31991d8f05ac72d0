/* pb-application.h: the application: command line, store, windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pb-core.h"

G_BEGIN_DECLS

#define PB_TYPE_APPLICATION (pb_application_get_type ())

G_DECLARE_FINAL_TYPE (PbApplication, pb_application, PB, APPLICATION, AdwApplication)

PbApplication *pb_application_new          (void);
/* The application's settings, or NULL when its schema is not installed
 * (running from the build tree without GSETTINGS_SCHEMA_DIR). */
GSettings     *pb_application_get_settings (PbApplication *self);
/* The store the windows edit, opened at the first activation; NULL before
 * or when it could not be opened. */
PbStore       *pb_application_get_store    (PbApplication *self);

G_END_DECLS
