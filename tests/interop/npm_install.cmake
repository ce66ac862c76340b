# CTest fixture interop_npm_install: puts package.json + package-lock.json into DEST_DIR and runs
# `npm ci` there, unless node_modules already matches the lock file (a stamp holds its hash), so
# repeated runs need no network.
#   cmake -DSOURCE_DIR=<tests/interop> -DDEST_DIR=<build>/interop -DNPM=<npm> -P npm_install.cmake

foreach(var SOURCE_DIR DEST_DIR NPM)
    if(NOT ${var})
        message(FATAL_ERROR "npm_install.cmake needs -D${var}=...")
    endif()
endforeach()

file(MAKE_DIRECTORY "${DEST_DIR}")
foreach(name package.json package-lock.json)
    file(COPY_FILE "${SOURCE_DIR}/${name}" "${DEST_DIR}/${name}" ONLY_IF_DIFFERENT)
endforeach()

file(SHA256 "${DEST_DIR}/package-lock.json" lock_hash)
set(stamp "${DEST_DIR}/node_modules/.chargedesk-npm-ci")
if(EXISTS "${stamp}" AND EXISTS "${DEST_DIR}/node_modules/ocpp-rpc/package.json")
    file(READ "${stamp}" installed_hash)
    if(installed_hash STREQUAL lock_hash)
        message(STATUS "node_modules in ${DEST_DIR} matches package-lock.json")
        return()
    endif()
endif()

execute_process(COMMAND "${NPM}" ci --no-audit --no-fund
                WORKING_DIRECTORY "${DEST_DIR}"
                RESULT_VARIABLE npm_result)
if(NOT npm_result EQUAL 0)
    message(FATAL_ERROR "npm ci failed in ${DEST_DIR} (exit ${npm_result})")
endif()
file(WRITE "${stamp}" "${lock_hash}")
message(STATUS "installed the interop test packages into ${DEST_DIR}/node_modules")
