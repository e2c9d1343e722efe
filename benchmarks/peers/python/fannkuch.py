# fannkuch-redux, n = 9. Prints [checksum max_flips].
def run(n):
    perm1 = [0] * n
    perm = [0] * n
    count = [0] * n
    for i in range(n):
        perm1[i] = i
    max_flips = 0
    checksum = 0
    sign = 1
    r = n
    done = False
    while not done:
        while r != 1:
            count[r - 1] = r
            r -= 1
        for i in range(n):
            perm[i] = perm1[i]
        flips = 0
        k = perm[0]
        while k != 0:
            lo = 0
            hi = k
            while lo < hi:
                perm[lo], perm[hi] = perm[hi], perm[lo]
                lo += 1
                hi -= 1
            flips += 1
            k = perm[0]
        if flips > max_flips:
            max_flips = flips
        checksum += sign * flips
        sign = -sign
        more = True
        while more:
            if r == n:
                done = True
                more = False
            else:
                perm0 = perm1[0]
                for i in range(r):
                    perm1[i] = perm1[i + 1]
                perm1[r] = perm0
                count[r] = count[r] - 1
                if count[r] > 0:
                    more = False
                else:
                    r += 1
    return "[%d %d]" % (checksum, max_flips)


print(run(9))
