cd /work/main
for f in $(find src test -name '*.test.ts' | sort); do
  [ "$f" = test/browser.test.ts ] && continue
  /usr/bin/time -f "%U %S %e $f" -o /tmp/one.txt env TZ=UTC node --import tsx --test "$f" > /dev/null 2>&1
  cat /tmp/one.txt >> /tmp/percpu.txt
done
echo END >> /tmp/percpu.txt
