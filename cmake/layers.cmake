# The layers of the code, made physical: each folder of shared/, server/, kiosk/ and counter/ is
# one target, and a file may include only headers of its own folder and of the targets its
# target links (directly, or through their PUBLIC links). motcua_check_layers() writes that
# table from the targets themselves (build/<preset>/layers.txt) and adds the `motcua_layers`
# step to every build: it runs cmake/check_layers.cmake, which fails the build on an include in
# a forbidden direction, an include not written from the repository root, or a source folder
# without a target.

# Every target defined in `dir` and the directories below it.
function(motcua_targets_below dir out)
  get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
  get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
  foreach(sub IN LISTS subdirs)
    motcua_targets_below(${sub} below)
    list(APPEND targets ${below})
  endforeach()
  set(${out} ${targets} PARENT_SCOPE)
endfunction()

# The targets `target` may use headers of: its direct links, and the PUBLIC links of those,
# transitively (LINK_ONLY entries are a static library's private links).
function(motcua_visible_links target out)
  get_target_property(todo ${target} LINK_LIBRARIES)
  set(seen "")
  while(todo)
    list(POP_FRONT todo lib)
    if(NOT TARGET ${lib} OR lib IN_LIST seen)
      continue()
    endif()
    list(APPEND seen ${lib})
    get_target_property(public ${lib} INTERFACE_LINK_LIBRARIES)
    if(public)
      list(FILTER public EXCLUDE REGEX "^\\$<LINK_ONLY:")
      list(APPEND todo ${public})
    endif()
  endwhile()
  set(${out} ${seen} PARENT_SCOPE)
endfunction()

function(motcua_check_layers)
  set(roots shared server kiosk counter sim tools hub)
  motcua_targets_below(${PROJECT_SOURCE_DIR} all)
  set(ours "")
  foreach(t IN LISTS all)
    get_target_property(type ${t} TYPE)
    get_target_property(dir ${t} SOURCE_DIR)
    file(RELATIVE_PATH folder ${PROJECT_SOURCE_DIR} ${dir})
    string(REGEX MATCH "^[^/]+" top "${folder}")
    if(NOT type MATCHES "STATIC_LIBRARY|EXECUTABLE" OR NOT top IN_LIST roots)
      continue()
    endif()
    if(DEFINED folder_of_${folder})
      message(FATAL_ERROR "${folder} has two targets (${t}, ${folder_of_${folder}}): one per folder")
    endif()
    set(folder_of_${folder} ${t})
    set(folder_${t} ${folder})
    list(APPEND ours ${t})
  endforeach()
  set(table "")
  foreach(t IN LISTS ours)
    motcua_visible_links(${t} links)
    set(allowed "")
    foreach(lib IN LISTS links)
      if(DEFINED folder_${lib})
        list(APPEND allowed ${folder_${lib}})
      endif()
    endforeach()
    list(JOIN allowed " " allowed)
    string(APPEND table "${folder_${t}} ${t} ${allowed}\n")
  endforeach()
  set(layers ${CMAKE_BINARY_DIR}/layers.txt)
  # Without the GUI some folders (shared/ui, kiosk/views, the apps) have no target by design.
  set(covered "")
  if(MOTCUA_GUI)
    set(covered ${roots})
  endif()
  file(WRITE ${layers} "${table}")
  add_custom_target(motcua_layers ALL
    COMMAND ${CMAKE_COMMAND} -DROOT=${PROJECT_SOURCE_DIR} -DLAYERS=${layers} "-DFOLDERS=${covered}"
            -P ${PROJECT_SOURCE_DIR}/cmake/check_layers.cmake
    COMMENT "Checking the include directions (cmake/layers.cmake)"
    VERBATIM)
endfunction()
