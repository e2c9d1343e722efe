-- fannkuch-redux, n = 9. Prints [checksum max_flips].
-- Tables are 1-based here: Gene's index x is Lua's index x + 1.
local function run(n)
  local perm1, perm, count = {}, {}, {}
  for i = 1, n do perm1[i] = i - 1; perm[i] = 0; count[i] = 0 end
  local max_flips, checksum, sign = 0, 0, 1
  local r = n
  local done = false
  while not done do
    while r ~= 1 do
      count[r] = r            -- count[r - 1] in 0-based terms
      r = r - 1
    end
    for i = 1, n do perm[i] = perm1[i] end
    local flips = 0
    local k = perm[1]
    while k ~= 0 do
      local lo, hi = 0, k
      while lo < hi do
        perm[lo + 1], perm[hi + 1] = perm[hi + 1], perm[lo + 1]
        lo = lo + 1
        hi = hi - 1
      end
      flips = flips + 1
      k = perm[1]
    end
    if flips > max_flips then max_flips = flips end
    checksum = checksum + (sign * flips)
    sign = -sign
    local more = true
    while more do
      if r == n then
        done = true
        more = false
      else
        local perm0 = perm1[1]
        for i = 1, r do
          perm1[i] = perm1[i + 1]
        end
        perm1[r + 1] = perm0
        count[r + 1] = count[r + 1] - 1
        if count[r + 1] > 0 then
          more = false
        else
          r = r + 1
        end
      end
    end
  end
  return string.format("[%d %d]", checksum, max_flips)
end
print(run(9))
