#!/usr/bin/env Rscript
# Regenerates resources/geo/countries.json and resources/geo/us-states.json, the region shapes the IDE's
# region-map preview draws (docs/ide.md). Needs the Debian package r-cran-maps (apt-get install
# --no-install-recommends r-cran-maps) only to run this script; the build reads the committed JSON files.
#
# Sources (resources/geo/README.md): the maps package's `world` database (Natural Earth 1:50m admin-0,
# public domain) with its `iso3166` table for ISO codes, and its `state` database (US Census Bureau boundary
# files, public domain) with Alaska and Hawaii taken from `world`. Shapes are simplified (Douglas-Peucker),
# tiny islands dropped and coordinates rounded to 0.01 degree to keep the files small.
#
# Usage: Rscript scripts/gen-geo.R [output-dir]   (default resources/geo)
suppressPackageStartupMessages(library(maps))
args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args) >= 1) args[1] else "resources/geo"

# Douglas-Peucker on one ring (iterative); keeps the first and last point.
simplify <- function(x, y, tol) {
  n <- length(x)
  if (n <= 4) return(rep(TRUE, n))
  keep <- rep(FALSE, n); keep[1] <- TRUE; keep[n] <- TRUE
  stack <- list(c(1, n))
  while (length(stack) > 0) {
    s <- stack[[length(stack)]]; stack[[length(stack)]] <- NULL
    a <- s[1]; b <- s[2]
    if (b - a < 2) next
    i <- (a + 1):(b - 1)
    dx <- x[b] - x[a]; dy <- y[b] - y[a]; len <- sqrt(dx * dx + dy * dy)
    d <- if (len == 0) sqrt((x[i] - x[a])^2 + (y[i] - y[a])^2) else abs(dy * x[i] - dx * y[i] + x[b] * y[a] - y[b] * x[a]) / len
    k <- which.max(d)
    if (d[k] > tol) {
      m <- i[k]; keep[m] <- TRUE
      stack[[length(stack) + 1]] <- c(a, m); stack[[length(stack) + 1]] <- c(m, b)
    }
  }
  keep
}
ringArea <- function(x, y) abs(sum(x * c(y[-1], y[1]) - c(x[-1], x[1]) * y)) / 2

# The polygons of a map(..., fill = TRUE) result: list of (name, x, y).
polygons <- function(m) {
  breaks <- c(0, which(is.na(m$x)), length(m$x) + 1)
  lapply(seq_len(length(breaks) - 1), function(k) {
    i <- (breaks[k] + 1):(breaks[k + 1] - 1)
    list(name = m$names[k], x = m$x[i], y = m$y[i])
  })
}

# One region's rings, simplified, tiny islands dropped (the largest ring always stays), as JSON arrays.
ringsJson <- function(polys, tol, minArea) {
  areas <- sapply(polys, function(p) ringArea(p$x, p$y))
  rings <- character(0)
  for (k in order(-areas)) {
    p <- polys[[k]]
    if (length(rings) > 0 && areas[k] < minArea) next
    keep <- simplify(p$x, p$y, tol)
    x <- round(p$x[keep], 2); y <- round(p$y[keep], 2)
    dup <- c(FALSE, x[-1] == x[-length(x)] & y[-1] == y[-length(y)])
    x <- x[!dup]; y <- y[!dup]
    if (length(x) < 3) next
    rings <- c(rings, paste0("[", paste(sprintf("%s,%s", format(x, trim = TRUE), format(y, trim = TRUE)), collapse = ","), "]"))
  }
  paste0("[", paste(rings, collapse = ",\n  "), "]")
}
str <- function(s) paste0("\"", gsub("\"", "\\\\\"", s), "\"")
strs <- function(v) paste0("[", paste(sapply(unique(v[nzchar(v)]), str), collapse = ","), "]")
region <- function(name, codes, aliases, rings)
  paste0("{\"name\":", str(name), ",\"codes\":", strs(codes), ",\"aliases\":", strs(setdiff(unique(aliases), name)),
         ",\"rings\":\n  ", rings, "}")
# The build embeds the files as raw string literals cut into chunks (src/geo/embed_geo.cmake): ASCII only.
writeRegions <- function(file, kind, source, regions) {
  if (any(grepl("[^ -~\n]", regions, perl = TRUE))) stop(paste(file, "would not be ASCII"))
  writeLines(c(paste0("{\"regionType\":", str(kind), ",\"source\":", str(source), ",\"regions\":["),
               paste(regions, collapse = ",\n"), "]}"), file.path(out, file))
}

# Countries: world polygons grouped by the part of their name before ':' (islands belong to their country).
world <- polygons(map("world", plot = FALSE, fill = TRUE))
country <- sub(":.*", "", sapply(world, `[[`, "name"))
iso <- iso3166
iso$mapname <- sub("\\(.*", "", iso$mapname) # some map names are regular expressions: "Norway(?!:Svalbard)"
iso <- iso[!grepl(":", iso$mapname), ]
extra <- list(USA = c("United States", "United States of America", "U.S.A."), UK = c("United Kingdom", "Great Britain", "Britain"),
              Russia = c("Russian Federation"), "South Korea" = c("Korea, Republic of", "Republic of Korea"),
              "North Korea" = c("Korea, Democratic People's Republic of"), "Czech Republic" = c("Czechia"),
              "Ivory Coast" = c("Cote d'Ivoire"), Iran = c("Iran, Islamic Republic of"),
              Vietnam = c("Viet Nam"), Syria = c("Syrian Arab Republic"), Laos = c("Lao People's Democratic Republic"),
              Bolivia = c("Bolivia, Plurinational State of"), Venezuela = c("Venezuela, Bolivarian Republic of"),
              Tanzania = c("Tanzania, United Republic of"), Moldova = c("Moldova, Republic of"),
              "Democratic Republic of the Congo" = c("Congo, The Democratic Republic of the", "DR Congo", "Congo (Kinshasa)"),
              "Republic of Congo" = c("Congo", "Congo (Brazzaville)"), Macedonia = c("North Macedonia"), Swaziland = c("Eswatini"),
              Taiwan = c("Taiwan, Province of China"))
countries <- character(0)
for (name in sort(unique(country))) {
  rows <- iso[iso$mapname == name, ]
  codes <- c(rows$a2, rows$a3)
  aliases <- c(rows$ISOname, extra[[name]])
  countries <- c(countries, region(name, codes, aliases, ringsJson(world[country == name], 0.1, 0.15)))
}
writeRegions("countries.json", "country", "maps::world (Natural Earth 1:50m admin-0, public domain), simplified", countries)

# US states: the mainland `state` database (names like "michigan:north" grouped by state) plus Alaska and
# Hawaii from `world`; Alaska's western Aleutians (east of 180) are moved to negative longitudes.
states <- polygons(map("state", plot = FALSE, fill = TRUE))
stateOf <- sub(":.*", "", sapply(states, `[[`, "name"))
alaska <- Filter(function(p) grepl("^USA:Alaska", p$name), world)
alaska <- lapply(alaska, function(p) { p$x <- ifelse(p$x > 0, p$x - 360, p$x); p })
hawaii <- Filter(function(p) grepl("^USA:Hawaii", p$name), world)
title <- function(s) gsub("(^|\\s)(\\w)", "\\1\\U\\2", s, perl = TRUE)
names <- c(state.name, "District of Columbia"); abbs <- c(state.abb, "DC")
out_states <- character(0)
for (name in sort(names)) {
  polys <- if (name == "Alaska") alaska else if (name == "Hawaii") hawaii else states[stateOf == tolower(name)]
  if (length(polys) == 0) stop(paste("no shape for", name))
  out_states <- c(out_states, region(name, abbs[names == name], character(0), ringsJson(polys, 0.02, 0.01)))
}
writeRegions("us-states.json", "us-state",
             "maps::state (US Census Bureau boundary files, public domain) + Alaska, Hawaii from maps::world (Natural Earth), simplified",
             out_states)
