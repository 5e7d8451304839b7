# Fails when app/ has user-visible strings that translations/confab_de.ts does not list yet
# (lupdate was not run after they were added; fix with scripts/update-translations.sh).
# Runs lupdate on a copy, so the source tree is not touched.
#   cmake -DLUPDATE=... -DSOURCE_DIR=... -DWORK_DIR=... -P check-translations-up-to-date.cmake
file(MAKE_DIRECTORY "${WORK_DIR}")
file(COPY_FILE "${SOURCE_DIR}/translations/confab_de.ts" "${WORK_DIR}/confab_de.ts")
execute_process(
    COMMAND "${LUPDATE}" -no-obsolete -locations none -extensions cpp,h -I "${SOURCE_DIR}"
        "${SOURCE_DIR}/app" -ts "${WORK_DIR}/confab_de.ts"
    OUTPUT_VARIABLE output ERROR_VARIABLE errors RESULT_VARIABLE result)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "lupdate failed (${result}):\n${output}${errors}")
endif()
if(NOT output MATCHES "\\(0 new and [0-9]+ already existing\\)")
    message(FATAL_ERROR "translations/confab_de.ts is out of date with app/: run "
        "scripts/update-translations.sh and translate the new entries.\n${output}")
endif()
if(output MATCHES "Removed [0-9]+ obsolete")
    message(FATAL_ERROR "translations/confab_de.ts lists strings app/ no longer has: run "
        "scripts/update-translations.sh.\n${output}")
endif()
message(STATUS "confab_de.ts lists every string of app/.")
