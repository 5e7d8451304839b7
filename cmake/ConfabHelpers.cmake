# Every Confab target is built the same way: C++20, strict warnings, Qt's safety macros.
function(confab_target_defaults target)
    target_compile_features(${target} PUBLIC cxx_std_20)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Werror)
    target_compile_definitions(${target} PRIVATE
        QT_NO_CAST_FROM_ASCII QT_NO_URL_CAST_FROM_STRING QT_NO_FOREACH
        QT_NO_CAST_TO_ASCII QT_USE_QSTRINGBUILDER
        CONFAB_VERSION="${PROJECT_VERSION}")
endfunction()

# confab_add_library(<name> ALIAS <Confab::Name> SOURCES ... LIBRARIES ...)
function(confab_add_library name)
    cmake_parse_arguments(ARG "" "ALIAS" "SOURCES;LIBRARIES" ${ARGN})
    add_library(${name} STATIC ${ARG_SOURCES})
    add_library(${ARG_ALIAS} ALIAS ${name})
    target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
    target_link_libraries(${name} PUBLIC ${ARG_LIBRARIES})
    confab_target_defaults(${name})
endfunction()

# confab_add_test(<name> SOURCES ... LIBRARIES ... [DATABASES sqlite postgres] [TIMEOUT s]
#                  [WRAPPER script])
# A test that talks to a database is registered once per database, with
# CONFAB_TEST_DATABASE telling it which one to use. With WRAPPER, ctest runs
# `script <test binary>` (a harness that starts what the test needs); exit code 77 skips.
function(confab_add_test name)
    cmake_parse_arguments(ARG "" "TIMEOUT;WRAPPER" "SOURCES;LIBRARIES;DATABASES;LABELS" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE Qt6::Test ${ARG_LIBRARIES})
    confab_target_defaults(${name})
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 120)
    endif()
    set(sanitizer_env "")
    if(CONFAB_SANITIZE)
        set(sanitizer_env "LSAN_OPTIONS=suppressions=${PROJECT_SOURCE_DIR}/tests/sanitizers/lsan.supp")
    endif()
    set(command ${name})
    if(ARG_WRAPPER)
        set(command ${ARG_WRAPPER} $<TARGET_FILE:${name}>)
    endif()
    if(ARG_DATABASES)
        foreach(db IN LISTS ARG_DATABASES)
            add_test(NAME ${name}_${db} COMMAND ${command})
            set_tests_properties(${name}_${db} PROPERTIES
                ENVIRONMENT "CONFAB_TEST_DATABASE=${db};QT_QPA_PLATFORM=offscreen;${sanitizer_env}"
                TIMEOUT ${ARG_TIMEOUT} LABELS "${db};${ARG_LABELS}" SKIP_RETURN_CODE 77)
        endforeach()
    else()
        add_test(NAME ${name} COMMAND ${command})
        set_tests_properties(${name} PROPERTIES
            ENVIRONMENT "QT_QPA_PLATFORM=offscreen;${sanitizer_env}" TIMEOUT ${ARG_TIMEOUT}
            LABELS "${ARG_LABELS}" SKIP_RETURN_CODE 77)
    endif()
endfunction()
