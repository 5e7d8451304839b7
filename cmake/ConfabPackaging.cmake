# CPack: one package per component. Debian packages on Linux, an NSIS installer on Windows
# (after windeployqt) and a DragNDrop image on macOS (after macdeployqt). Only the Debian
# packages are built and checked here; see packaging/README.md.
set(CPACK_PACKAGE_NAME confab)
set(CPACK_PACKAGE_VENDOR "The Confab developers")
set(CPACK_PACKAGE_CONTACT "The Confab developers <developers@confab.invalid>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_INSTALL_DIRECTORY Confab)
set(CPACK_STRIP_FILES ON)
set(CPACK_COMPONENTS_ALL desktop server)
set(CPACK_COMPONENT_DESKTOP_DISPLAY_NAME "Confab")
set(CPACK_COMPONENT_DESKTOP_DESCRIPTION "The desktop messenger.")
set(CPACK_COMPONENT_SERVER_DISPLAY_NAME "Confab server")
set(CPACK_COMPONENT_SERVER_DESCRIPTION "The chat server, confab-server.")

if(WIN32)
    set(CPACK_GENERATOR NSIS)
    set(CPACK_NSIS_DISPLAY_NAME Confab)
    set(CPACK_NSIS_PACKAGE_NAME Confab)
    set(CPACK_NSIS_MUI_ICON "${PROJECT_SOURCE_DIR}/packaging/windows/confab.ico")
    set(CPACK_NSIS_INSTALLED_ICON_NAME bin/confab.exe)
    set(CPACK_NSIS_CREATE_ICONS_EXTRA
        "CreateShortCut '$SMPROGRAMS\\\\$STARTMENU_FOLDER\\\\Confab.lnk' '$INSTDIR\\\\bin\\\\confab.exe'")
    set(CPACK_NSIS_DELETE_ICONS_EXTRA "Delete '$SMPROGRAMS\\\\$START_MENU\\\\Confab.lnk'")
    set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
    # windeployqt copies the Qt libraries and plugins the two executables need beside them.
    find_program(CONFAB_WINDEPLOYQT windeployqt HINTS "${Qt6_DIR}/../../../bin")
    if(CONFAB_WINDEPLOYQT)
        install(CODE "execute_process(COMMAND \"${CONFAB_WINDEPLOYQT}\" --no-translations
            --dir \"\${CMAKE_INSTALL_PREFIX}/bin\" \"\${CMAKE_INSTALL_PREFIX}/bin/confab.exe\"
            \"\${CMAKE_INSTALL_PREFIX}/bin/confab-server.exe\" COMMAND_ERROR_IS_FATAL ANY)"
            COMPONENT desktop)
    endif()
elseif(APPLE)
    set(CPACK_GENERATOR DragNDrop)
    set(CPACK_DMG_VOLUME_NAME Confab)
    set(CPACK_DMG_FORMAT UDZO)
    # macdeployqt puts the Qt frameworks and plugins into Confab.app.
    find_program(CONFAB_MACDEPLOYQT macdeployqt HINTS "${Qt6_DIR}/../../../bin")
    if(CONFAB_MACDEPLOYQT)
        install(CODE "execute_process(COMMAND \"${CONFAB_MACDEPLOYQT}\"
            \"\${CMAKE_INSTALL_PREFIX}/confab.app\" COMMAND_ERROR_IS_FATAL ANY)"
            COMPONENT desktop)
    endif()
else()
    set(CPACK_GENERATOR DEB)
    set(CPACK_DEB_COMPONENT_INSTALL ON)
    # Each package has its own synopsis (the first line of its description).
    set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "")
    set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
    set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CPACK_PACKAGE_CONTACT}")
    set(CPACK_DEBIAN_PACKAGE_SECTION net)
    set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
    set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
    set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
    set(CPACK_DEBIAN_PACKAGE_RELEASE "")

    set(CPACK_DEBIAN_DESKTOP_PACKAGE_NAME confab)
    set(CPACK_DEBIAN_DESKTOP_PACKAGE_SECTION net)
    # Loaded at run time, so shlibdeps cannot see them.
    set(CPACK_DEBIAN_DESKTOP_PACKAGE_DEPENDS "qt6-qpa-plugins, qt6-image-formats-plugins")
    set(CPACK_DEBIAN_DESKTOP_PACKAGE_RECOMMENDS "gnome-keyring | kwalletmanager")
    set(CPACK_DEBIAN_DESKTOP_DESCRIPTION "desktop messenger for teams and families on their own server
Confab is a messenger for small teams and families who run their own server.
This package holds the desktop application: direct and group conversations,
history that loads as you scroll, editing, typing indicators and presence,
over one connection to a Confab server.")

    set(CPACK_DEBIAN_SERVER_PACKAGE_NAME confab-server)
    set(CPACK_DEBIAN_SERVER_PACKAGE_SECTION net)
    set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS "libqt6sql6-sqlite, libqt6sql6-psql")
    set(CPACK_DEBIAN_SERVER_PACKAGE_SUGGESTS "postgresql, caddy | nginx")
    set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_EXTRA
        "${PROJECT_SOURCE_DIR}/packaging/debian/conffiles")
    set(CPACK_DEBIAN_SERVER_DESCRIPTION "chat server for the Confab messenger
Confab is a messenger for small teams and families who run their own server.
This package holds confab-server, its HTTP and WebSocket API on one port, on
SQLite or PostgreSQL, with admin commands, online backups and a sandboxed
systemd unit.")
endif()

include(CPack)
